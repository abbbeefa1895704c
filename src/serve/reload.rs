//! The service's rules: loaded from a file, swapped atomically when it changes, kept when a new version is bad.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use arc_swap::ArcSwap;

use crate::error::Error;
use crate::rules::Rules;

/// What the file looked like when it was last read: a change of either means a new version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// A rule file and the rules last read from it without error.
///
/// Requests take the current rules with [`LiveRules::current`] and keep that version until
/// they are answered; a reload swaps in a new version for the requests that follow, atomically
/// (no request sees a half-read file). A file that does not load leaves the old rules in place.
///
/// ```
/// use adslot::serve::LiveRules;
/// let dir = std::env::temp_dir().join(format!("adslot-live-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("rules.toml");
/// std::fs::write(&path, "[spacing]\nmin_words_between = 100\n").unwrap();
/// let live = LiveRules::load(&path)?;
/// std::fs::write(&path, "[spacing]\nmin_words_betwen = 100\n").unwrap();
/// assert!(live.reload().is_err()); // misspelt key: rejected
/// assert_eq!(live.reloads(), 0);
/// std::fs::write(&path, "[spacing]\nmin_words_between = 200\n").unwrap();
/// live.reload()?;
/// assert_eq!(live.reloads(), 1);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), adslot::Error>(())
/// ```
pub struct LiveRules {
    path: PathBuf,
    current: ArcSwap<Rules>,
    stamp: Mutex<Option<Stamp>>,
    reloads: AtomicU64,
}

impl LiveRules {
    /// Reads the rule file at `path`. Errors: those of [`Rules::from_path`].
    pub fn load(path: impl Into<PathBuf>) -> Result<LiveRules, Error> {
        let path = path.into();
        let stamp = Stamp::of(&path);
        let rules = Rules::from_path(&path)?;
        Ok(LiveRules {
            path,
            current: ArcSwap::from_pointee(rules),
            stamp: Mutex::new(stamp),
            reloads: AtomicU64::new(0),
        })
    }

    /// The rules in force now.
    pub fn current(&self) -> Arc<Rules> {
        self.current.load_full()
    }

    /// The rule file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many times new rules have been swapped in since [`LiveRules::load`].
    pub fn reloads(&self) -> u64 {
        self.reloads.load(Ordering::Relaxed)
    }

    /// Reads the file again and swaps its rules in; on error the old rules stay in force.
    pub fn reload(&self) -> Result<(), Error> {
        let stamp = Stamp::of(&self.path);
        self.remember(stamp);
        let rules = Rules::from_path(&self.path)?;
        self.current.store(Arc::new(rules));
        self.reloads.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// As [`LiveRules::reload`] if the file's modification time or size differs from when it
    /// was last read; `None` if it has not changed (or cannot be seen: a file being replaced).
    pub fn reload_if_changed(&self) -> Option<Result<(), Error>> {
        let stamp = Stamp::of(&self.path)?;
        let seen = self.stamp.lock().map(|s| *s).unwrap_or(None);
        if seen == Some(stamp) {
            return None;
        }
        Some(self.reload())
    }

    fn remember(&self, stamp: Option<Stamp>) {
        if let Ok(mut seen) = self.stamp.lock() {
            *seen = stamp;
        }
    }
}

/// Reloads `rules`, off the async workers (a rule file may name fonts to read), and logs the
/// outcome: one line for new rules, one per problem for a rejected file.
pub(super) async fn reload_logged(rules: Arc<LiveRules>, why: &'static str, only_if_changed: bool) {
    let task = rules.clone();
    let outcome = tokio::task::spawn_blocking(move || match only_if_changed {
        true => task.reload_if_changed(),
        false => Some(task.reload()),
    })
    .await;
    let path = rules.path().display().to_string();
    match outcome {
        Ok(None) => {}
        Ok(Some(Ok(()))) => {
            tracing::info!(rules = %path, why, reloads = rules.reloads(), "rules reloaded")
        }
        Ok(Some(Err(e))) => {
            for problem in e.to_string().lines() {
                tracing::error!(rules = %path, why, problem, "new rules rejected; the old rules stay");
            }
        }
        Err(e) => {
            tracing::error!(rules = %path, why, error = %e, "rules reload failed; the old rules stay")
        }
    }
}

/// Checks the file every `every` and reloads it when it has changed; runs until dropped.
pub(super) async fn watch(rules: Arc<LiveRules>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        reload_logged(rules.clone(), "file changed", true).await;
    }
}

/// Reloads the file on every `SIGHUP`; runs until dropped.
#[cfg(unix)]
pub(super) async fn on_hangup(rules: Arc<LiveRules>) {
    use tokio::signal::unix::{signal, SignalKind};
    let mut hangups = match signal(SignalKind::hangup()) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for SIGHUP; rules reload on file changes only");
            return;
        }
    };
    while hangups.recv().await.is_some() {
        reload_logged(rules.clone(), "SIGHUP", false).await;
    }
}
