//! The HTTP service (feature `serve`): placement and slot insertion for any CMS, over axum on tokio.
//!
//! | endpoint | in | out |
//! |---|---|---|
//! | `POST /v1/place` | an article (JSON; another format by `Content-Type` or `?format=`); `?device=`, `?explain=true` | the plan, as `adslot place` prints it |
//! | `POST /v1/insert` | a document: `text/html`, `text/markdown`, or `?format=gutenberg`, `ans`... | the document with slots, in its content type and encoding |
//! | `GET /v1/rules` | | the loaded rules' summary, as `adslot check` prints it |
//! | `GET /healthz` | | `{"status":"ok","rules":PATH,"reloads":N}` |
//!
//! Errors are JSON (see [`Problem`]): 400 a body that does not parse or a bad query, 413 a
//! body over the limit, 415 an unknown content type or a format that takes no slots, 422 a
//! well-formed body the library refuses, 408 a request over the time limit. Every answer
//! carries an `x-request-id`, and every request is one `tracing` line ([`REQUEST_ID`]).
//!
//! The rule file is reloaded on `SIGHUP` and when it changes ([`LiveRules`]); `SIGTERM` or
//! ctrl-c stops the service after the requests in flight are answered.

mod access;
mod handlers;
mod media;
mod problem;
mod reload;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{BoxError, Router};
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use crate::error::Error;
pub use access::REQUEST_ID;
pub use handlers::BODY;
pub use problem::Problem;
pub use reload::LiveRules;

/// How the service runs; [`ServeOptions::default`] is what `adslot serve` starts with.
///
/// ```
/// let options = adslot::serve::ServeOptions::default();
/// assert_eq!(options.listen.to_string(), "127.0.0.1:8080");
/// assert_eq!((options.max_body, options.timeout.as_secs()), (4 << 20, 10));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServeOptions {
    /// The address to listen on.
    pub listen: SocketAddr,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Largest accepted request body, in bytes (larger ones are answered 413).
    pub max_body: usize,
    /// Longest time a request may take, from its headers to its answer, waiting for a free
    /// slot included (longer ones are answered 408).
    pub timeout: Duration,
    /// Requests handled at once; further ones wait for a free slot.
    pub max_concurrent: usize,
    /// How often the rule file is checked for changes (`None`: only on `SIGHUP`).
    pub watch: Option<Duration>,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            threads: None,
            max_body: 4 << 20,
            timeout: Duration::from_secs(10),
            max_concurrent: 256,
            watch: Some(Duration::from_secs(1)),
        }
    }
}

/// Why the service could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The rule file does not load.
    #[error(transparent)]
    Rules(#[from] Error),
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The runtime cannot start, or the server failed while accepting connections.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The service's routes and limits over `rules`, ready for [`axum::serve`].
pub fn router(rules: Arc<LiveRules>, options: &ServeOptions) -> Router {
    let shared = handlers::Shared {
        rules,
        max_body: options.max_body,
    };
    let limits = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(timed_out))
        .timeout(options.timeout)
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            options.max_concurrent.max(1),
        ));
    Router::new()
        .route("/v1/place", post(handlers::place))
        .route("/v1/insert", post(handlers::insert))
        .route("/v1/rules", get(handlers::rules))
        .route("/healthz", get(handlers::healthz))
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::wrong_method)
        .with_state(shared)
        .layer(DefaultBodyLimit::max(options.max_body))
        .layer(limits)
        .layer(axum::middleware::from_fn(access::log))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// The answer to a request the limits stopped.
async fn timed_out(error: BoxError) -> Problem {
    if error.is::<tower::timeout::error::Elapsed>() {
        Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "the request took longer than the server's time limit (--timeout)",
        )
    } else {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, error.to_string())
    }
}

/// Serves `rules` on `listener` until `shutdown` completes, then answers the requests in
/// flight and returns. Reloads the rules on `SIGHUP` (Unix) and, if `options.watch` says,
/// when the file changes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    rules: Arc<LiveRules>,
    options: &ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let app = router(rules.clone(), options);
    let mut watchers = tokio::task::JoinSet::new();
    if let Some(every) = options.watch {
        watchers.spawn(reload::watch(rules.clone(), every));
    }
    #[cfg(unix)]
    watchers.spawn(reload::on_hangup(rules.clone()));
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    watchers.abort_all();
    Ok(served?)
}

/// Completes on `SIGTERM` or ctrl-c (`SIGINT`).
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("interrupted; finishing the requests in flight"),
        () = terminate => tracing::info!("SIGTERM; finishing the requests in flight"),
    }
}

/// Runs the service on the rule file at `rules` until `SIGTERM` or ctrl-c: starts a runtime
/// with `options.threads` workers, listens on `options.listen` (logging the address bound,
/// so that port 0 can be used), and serves.
pub fn run(rules: PathBuf, options: &ServeOptions) -> Result<(), ServeError> {
    let live = Arc::new(LiveRules::load(rules)?);
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = options.threads {
        runtime.worker_threads(n.max(1));
    }
    let runtime = runtime.enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .map_err(|source| ServeError::Listen {
                addr: options.listen,
                source,
            })?;
        let addr = listener.local_addr()?;
        tracing::info!(
            %addr,
            rules = %live.path().display(),
            threads = options.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
            "listening"
        );
        serve(listener, live, options, shutdown_signal()).await?;
        tracing::info!("stopped");
        Ok(())
    })
}
