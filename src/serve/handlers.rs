//! The endpoints: each reads the request, calls the library, and writes its answer back.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::media::{self, Media};
use super::problem::Problem;
use super::reload::LiveRules;
use crate::document::{Document, ReadOptions};
use crate::engine::{place as place_article, PlaceOptions};
use crate::formats;
use crate::render;

/// The name a request body is reported under in error messages (`<body>:1:9: ...`).
pub const BODY: &str = "<body>";

/// What the handlers share.
#[derive(Clone)]
pub(super) struct Shared {
    pub(super) rules: Arc<LiveRules>,
    pub(super) max_body: usize,
}

/// The query of `/v1/place` and `/v1/insert`.
#[derive(Deserialize)]
pub(super) struct Params {
    device: Option<String>,
    #[serde(default)]
    explain: bool,
    format: Option<String>,
}

/// `POST /v1/place`: the article (JSON by default; another format by `Content-Type` or
/// `?format=`) in, the plan out as `adslot place --format json` prints it.
pub(super) async fn place(
    State(shared): State<Shared>,
    params: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let Query(params) = params.map_err(query_problem)?;
    let media = media::resolve(
        params.format.as_deref(),
        &headers,
        Some(&formats::json::FORMAT),
    )?;
    let body = body.map_err(|e| body_problem(e, shared.max_body))?;
    let rules = shared.rules.current();
    let doc = read(&shared, &media, body, &rules)?;
    let mut options = PlaceOptions::new().explain(params.explain);
    options.device = params.device;
    let plan = place_article(doc.article(), &rules, &options)
        .map_err(|e| Problem::from_error(e, false))?;
    Ok(([(CONTENT_TYPE, "application/json")], render::json(&plan)).into_response())
}

/// `POST /v1/insert`: a document in (format by `Content-Type` or `?format=`), the same
/// document with the slots out, in its own format, encoding and content type.
pub(super) async fn insert(
    State(shared): State<Shared>,
    params: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let Query(params) = params.map_err(query_problem)?;
    if params.explain {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "`explain` cannot be used with /v1/insert: its answer is the document plus its slots \
             and nothing else (ask /v1/place?explain=true to see why)",
        ));
    }
    let media = media::resolve(params.format.as_deref(), &headers, None)?;
    let body = body.map_err(|e| body_problem(e, shared.max_body))?;
    let rules = shared.rules.current();
    let doc = read(&shared, &media, body, &rules)?;
    let format = doc.format();
    if !format.writes_slots() {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "{BODY}: {} takes no slots (/v1/insert takes {}; /v1/place gives the placements \
                 of any format)",
                format.label(),
                media::slot_formats()
            ),
        ));
    }
    let mut options = PlaceOptions::new();
    options.device = params.device;
    let plan = place_article(doc.article(), &rules, &options)
        .map_err(|e| Problem::from_error(e, false))?;
    let out = doc
        .write_slots_bytes(format, &plan, &rules)
        .map_err(|e| Problem::from_error(e, false))?;
    let content_type = media.answer_type(format, doc.encoding());
    Ok(([(CONTENT_TYPE, content_type)], out).into_response())
}

/// `GET /v1/rules`: the loaded rules' summary, as `adslot check` prints it.
pub(super) async fn rules(State(shared): State<Shared>) -> Response {
    let rules = shared.rules.current();
    let text = render::summary(&rules) + &render::styles(&rules);
    ([(CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// `GET /healthz`: `{"status":"ok","rules":PATH,"reloads":N}`.
pub(super) async fn healthz(State(shared): State<Shared>) -> Response {
    let body = serde_json::json!({
        "status": "ok",
        "rules": shared.rules.path().display().to_string(),
        "reloads": shared.rules.reloads(),
    });
    axum::Json(body).into_response()
}

/// Any other path.
pub(super) async fn not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no such endpoint (POST /v1/place, POST /v1/insert, GET /v1/rules, GET /healthz)",
    )
}

/// A known path asked with the wrong method.
pub(super) async fn wrong_method() -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "wrong method (POST /v1/place, POST /v1/insert, GET /v1/rules, GET /healthz)",
    )
}

/// Reads the body as the document `media` says, with the request's encoding if it gave one.
fn read(
    shared: &Shared,
    media: &Media,
    body: Bytes,
    rules: &crate::rules::Rules,
) -> Result<Document, Problem> {
    let mut options = ReadOptions::default().with_max_bytes(shared.max_body as u64);
    if let Some(format) = media.format {
        options = options.with_format(format);
    }
    if let Some(encoding) = media.encoding {
        options = options.with_encoding(encoding);
    }
    // A JSON body that does not parse is a bad request (400); one that parses but is not an
    // article is well-formed and invalid (422).
    Document::read_bytes(BODY, Vec::from(body.clone()), rules, &options).map_err(|e| {
        let json = media
            .format
            .is_some_and(|f| f.name() == "json" || f.name() == "ans");
        let malformed = json && serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err();
        Problem::from_error(e, malformed)
    })
}

fn query_problem(e: QueryRejection) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        format!("bad query: {}", e.body_text()),
    )
}

fn body_problem(e: BytesRejection, limit: usize) -> Problem {
    match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "{BODY}: input is larger than the limit of {limit} bytes (the server's --max-body)"
            ),
        ),
        status => Problem::new(status, format!("{BODY}: cannot read: {}", e.body_text())),
    }
}
