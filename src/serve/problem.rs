//! Error answers: the library's located messages as JSON, with the HTTP status that fits.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::error::{Diagnostic, Error};

/// An error answer: `{"status": 422, "error": "<body>:3:7: ...", "problems": [...]}`, where
/// `error` is the message the CLI prints and `problems` the same problems one by one, each
/// with its `origin`, `position` (`{line, column}` or `null`), `message` and `help`.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    message: String,
    problems: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct Body<'a> {
    status: u16,
    error: &'a str,
    problems: &'a [Diagnostic],
}

impl Problem {
    /// A problem with no located parts.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Problem {
        Problem {
            status,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    /// A library error about the request body: 413 for a body over the limit, 400 for one
    /// that is not text in its encoding, 422 for a well-formed body the library refuses, and
    /// `malformed` (400) instead when the body does not parse as its format at all.
    pub fn from_error(error: Error, malformed: bool) -> Problem {
        let status = match &error {
            Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Utf8 { .. } | Error::UnknownDevice { .. } => StatusCode::BAD_REQUEST,
            Error::Invalid(_) if malformed => StatusCode::BAD_REQUEST,
            Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Problem {
            status,
            message: error.to_string(),
            problems: error.diagnostics().to_vec(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message, as the CLI prints it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = Body {
            status: self.status.as_u16(),
            error: &self.message,
            problems: &self.problems,
        };
        (self.status, Json(body)).into_response()
    }
}
