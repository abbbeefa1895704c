//! Request ids and the access log: one structured `tracing` line per request.

use std::time::Instant;

use axum::body::HttpBody as _;
use axum::extract::Request;
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::Response;

/// The header that carries a request's id: taken from the request if the client (or a proxy)
/// set it, else generated (a UUID), and echoed in the answer.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Logs one line per request, at `info` (`warn` for a 5xx answer), with the fields `method`,
/// `path`, `status`, `latency_us`, `bytes` (of the answer's body) and `id`.
pub(super) async fn log(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let latency_us = start.elapsed().as_micros() as u64;
    let bytes = response.body().size_hint().exact().unwrap_or(0);
    if response.status().is_server_error() {
        tracing::warn!(%method, %path, status, latency_us, bytes, %id, "request");
    } else {
        tracing::info!(%method, %path, status, latency_us, bytes, %id, "request");
    }
    response
}
