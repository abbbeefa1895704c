//! Rules reloaded live (file changes, `SIGHUP`), bad new rules rejected, and graceful shutdown
//! with requests in flight, in process and as the `adslot serve` binary.

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use adslot::serve::ServeOptions;

use super::client::{connect, get, head, post, read_reply, repo, Server};

const SEED: &str = "tests/fixtures/upi-xi-global-internet.json";

/// A scratch folder for one test's rule file, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("adslot-serve-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        Scratch(dir)
    }

    fn rules(&self) -> PathBuf {
        self.0.join("rules.toml")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Replaces `path`'s content as editors and deploy tools do: a new file renamed over it.
fn replace(path: &Path, text: &str) {
    let next = path.with_extension("next");
    std::fs::write(&next, text).expect("the new rules are written");
    std::fs::rename(&next, path).expect("the new rules replace the old");
}

const GOOD: &str = "[spacing]\nmin_words_before_first = 20\nmin_words_between = 60\n";
const FEWER: &str = "[spacing]\nmin_words_before_first = 20\nmin_words_between = 400\n";
const BAD: &str = "[spacing]\nmin_words_between = \"many\"\n";

fn ads(addr: SocketAddr) -> usize {
    let reply = post(
        addr,
        "/v1/place",
        "application/json",
        &std::fs::read(repo(SEED)).unwrap(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()["placements"]
        .as_array()
        .expect("placements")
        .len()
}

/// Polls `check` until it holds, for at most 10 s.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < Duration::from_secs(10), "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_changed_rule_file_is_swapped_in_and_a_bad_one_is_rejected() {
    let scratch = Scratch::new("watch");
    std::fs::write(scratch.rules(), GOOD).unwrap();
    let mut options = ServeOptions::default();
    options.watch = Some(Duration::from_millis(20));
    let server = Server::start(&scratch.rules(), options);
    let before = ads(server.addr);
    let summary = get(server.addr, "/v1/rules").text();
    replace(&scratch.rules(), FEWER);
    eventually("the new rules are in force", || server.rules.reloads() == 1);
    let after = ads(server.addr);
    assert!(
        after < before,
        "{after} ads under the sparser rules, {before} before"
    );
    assert_ne!(get(server.addr, "/v1/rules").text(), summary);
    assert_eq!(get(server.addr, "/healthz").json()["reloads"], 1);
    // A bad file: the old rules stay.
    replace(&scratch.rules(), BAD);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.rules.reloads(), 1);
    assert_eq!(ads(server.addr), after);
    // Fixed again: swapped in.
    replace(&scratch.rules(), GOOD);
    eventually("the fixed rules are in force", || {
        server.rules.reloads() == 2
    });
    assert_eq!(ads(server.addr), before);
}

#[test]
fn stopping_answers_the_requests_in_flight_first() {
    let mut server = Server::start(&repo("rules/upi.toml"), ServeOptions::default());
    let body = std::fs::read(repo(SEED)).unwrap();
    let mut stream = connect(server.addr);
    let request = head(
        "POST",
        "/v1/place",
        &[("Content-Type", "application/json")],
        Some(body.len()),
    );
    stream.write_all(&request).unwrap();
    stream.write_all(&body[..100]).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    server.stop();
    std::thread::sleep(Duration::from_millis(200));
    stream.write_all(&body[100..]).unwrap();
    let reply = read_reply(&mut stream).unwrap();
    assert_eq!(reply.status, 200, "{}", reply.text());
    server.join();
    assert!(
        std::net::TcpStream::connect(server.addr).is_err(),
        "the server still accepts after stopping"
    );
}

/// `adslot serve` as a child process, its log lines read on a thread.
struct Service {
    child: Child,
    addr: SocketAddr,
    log: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Service {
    fn start(rules: &Path) -> Service {
        let mut child = Command::new(env!("CARGO_BIN_EXE_adslot"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--watch",
                "0",
                "--threads",
                "2",
            ])
            .arg("--rules")
            .arg(rules)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("adslot serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let (send, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut service = Service {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            log,
            seen: Vec::new(),
        };
        let line = service.wait_for("listening");
        let addr = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("addr="))
            .expect("the address is logged");
        service.addr = addr.parse().expect("an address");
        service
    }

    /// The next log line containing `text` (within 10 s).
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => panic!("no log line with {text:?}; seen: {:#?}", self.seen),
            }
        }
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_binary_reloads_on_sighup_logs_each_request_and_stops_gracefully_on_sigterm() {
    let scratch = Scratch::new("binary");
    std::fs::write(scratch.rules(), GOOD).unwrap();
    let mut service = Service::start(&scratch.rules());
    let before = ads(service.addr);
    let line = service.wait_for("path=/v1/place");
    for field in ["method=POST", "status=200", "latency_us=", "bytes=", "id="] {
        assert!(line.contains(field), "{field} in {line}");
    }
    // A bad file on SIGHUP: its problem logged, located; the old rules kept.
    std::fs::write(scratch.rules(), BAD).unwrap();
    service.signal("HUP");
    let line = service.wait_for("new rules rejected");
    assert!(line.contains("rules.toml:2:"), "located: {line}");
    assert_eq!(ads(service.addr), before);
    assert_eq!(get(service.addr, "/healthz").json()["reloads"], 0);
    std::fs::write(scratch.rules(), FEWER).unwrap();
    service.signal("HUP");
    service.wait_for("rules reloaded");
    assert!(ads(service.addr) < before);
    // SIGTERM with a request in flight: it is answered, then the service exits 0.
    let body = std::fs::read(repo(SEED)).unwrap();
    let mut stream = connect(service.addr);
    let request = head(
        "POST",
        "/v1/place",
        &[("Content-Type", "application/json")],
        Some(body.len()),
    );
    stream.write_all(&request).unwrap();
    stream.write_all(&body[..100]).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    service.signal("TERM");
    service.wait_for("SIGTERM");
    stream.write_all(&body[100..]).unwrap();
    let reply = read_reply(&mut stream).unwrap();
    assert_eq!(reply.status, 200, "{}", reply.text());
    let status = service.child.wait().expect("the service exits");
    assert!(status.success(), "{status}");
    service.wait_for("stopped");
}
