//! `adslot serve`: its options, and the call that starts the library's HTTP service with them.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use is_terminal::IsTerminal;

/// The options of `adslot serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The rule file (reloaded on SIGHUP and when it changes; a bad new version is logged and
    /// the old rules kept).
    #[arg(long)]
    rules: PathBuf,
    /// The address and port to listen on (port 0: any free port, logged at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: std::net::SocketAddr,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Largest accepted request body, in bytes (larger: 413).
    #[arg(long, default_value_t = adslot::serve::ServeOptions::default().max_body)]
    max_body: usize,
    /// Longest time a request may take, in seconds (longer: 408).
    #[arg(long, default_value_t = 10.0, value_parser = seconds_parser())]
    timeout: f64,
    /// Requests handled at once (further ones wait).
    #[arg(long, default_value_t = adslot::serve::ServeOptions::default().max_concurrent)]
    max_concurrent: usize,
    /// How often to check the rule file for changes, in seconds (0: only on SIGHUP).
    #[arg(long, default_value_t = 1.0, value_parser = seconds_parser())]
    watch: f64,
}

/// A duration in seconds: finite, not negative.
fn seconds_parser() -> impl TypedValueParser<Value = f64> {
    clap::builder::NonEmptyStringValueParser::new().try_map(|s| match s.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=1e6).contains(&v) => Ok(v),
        _ => Err(format!(
            "`{s}` is not a number of seconds between 0 and 1000000"
        )),
    })
}

/// Runs `adslot serve`: logs to standard error, one line per request.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
    let mut options = adslot::serve::ServeOptions::default();
    options.listen = args.listen;
    options.threads = args.threads;
    options.max_body = args.max_body;
    options.timeout = std::time::Duration::from_secs_f64(args.timeout);
    options.max_concurrent = args.max_concurrent;
    options.watch = (args.watch > 0.0).then(|| std::time::Duration::from_secs_f64(args.watch));
    adslot::serve::run(args.rules, &options)?;
    Ok(())
}
