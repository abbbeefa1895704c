//! Every endpoint, bad bodies, oversized bodies, and the limits, against an in-process server.

use std::io::Write;
use std::time::Duration;

use adslot::serve::ServeOptions;

use super::client::{connect, get, head, post, read_reply, repo, send, Server};

const UPI: &str = "rules/upi.toml";
const SEED: &str = "tests/fixtures/upi-xi-global-internet.json";

/// Runs the CLI with `stdin`: (success, stdout, stderr).
pub fn cli(args: &[&str], stdin: &[u8]) -> (bool, Vec<u8>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_adslot"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("adslot runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin).expect("stdin is written");
    drop(input);
    let out = child.wait_with_output().expect("adslot ends");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    (out.status.success(), out.stdout, stderr)
}

/// The CLI's error message for `stdin`, as the service words it: `error: ` dropped and the
/// input named `<body>`.
pub fn cli_error(args: &[&str], stdin: &[u8]) -> String {
    let (ok, _, stderr) = cli(args, stdin);
    assert!(!ok, "{args:?} should fail");
    stderr
        .trim_end()
        .strip_prefix("error: ")
        .unwrap_or(&stderr)
        .replace("<stdin>", "<body>")
}

fn server() -> Server {
    Server::start(&repo(UPI), ServeOptions::default())
}

fn seed() -> Vec<u8> {
    std::fs::read(repo(SEED)).expect("the seed article")
}

#[test]
fn healthz_answers_ok_and_every_answer_carries_a_request_id() {
    let server = server();
    let reply = get(server.addr, "/healthz");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["status"], "ok");
    assert_eq!(reply.json()["reloads"], 0);
    let id = reply.header("x-request-id").expect("a generated id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let reply = send(
        server.addr,
        "GET",
        "/healthz",
        &[("X-Request-Id", "abc-123")],
        b"",
    );
    assert_eq!(reply.header("x-request-id"), Some("abc-123"));
    // Error answers carry it too.
    let reply = send(
        server.addr,
        "GET",
        "/nowhere",
        &[("X-Request-Id", "e-1")],
        b"",
    );
    assert_eq!(
        (reply.status, reply.header("x-request-id")),
        (404, Some("e-1"))
    );
    assert!(reply.error().contains("POST /v1/place"));
    let reply = get(server.addr, "/v1/place");
    assert_eq!(reply.status, 405);
    assert!(reply.error().starts_with("wrong method"));
}

#[test]
fn rules_is_the_summary_check_prints() {
    let server = server();
    let reply = get(server.addr, "/v1/rules");
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    let (ok, stdout, _) = cli(&["check", UPI], b"");
    assert!(ok);
    assert_eq!(reply.text(), String::from_utf8(stdout).unwrap());
}

#[test]
fn place_answers_the_plan_the_cli_prints() {
    let server = server();
    for (query, flags) in [
        ("", &[][..]),
        ("?explain=true", &["--explain"][..]),
        ("?device=mobile", &["--device", "mobile"][..]),
        (
            "?device=desktop&explain=true",
            &["--device", "desktop", "--explain"][..],
        ),
    ] {
        let reply = post(
            server.addr,
            &format!("/v1/place{query}"),
            "application/json",
            &seed(),
        );
        assert_eq!(reply.status, 200, "{query}: {}", reply.text());
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let mut args = vec!["place", SEED, "--rules", UPI];
        args.extend(flags);
        let (ok, stdout, stderr) = cli(&args, b"");
        assert!(ok, "{stderr}");
        assert_eq!(reply.text(), String::from_utf8(stdout).unwrap(), "{query}");
    }
    // Without a Content-Type the body is JSON (the endpoint's default).
    let reply = send(server.addr, "POST", "/v1/place", &[], &seed());
    assert_eq!(reply.status, 200);
    assert!(reply.json()["placements"]
        .as_array()
        .is_some_and(|p| !p.is_empty()));
}

#[test]
fn insert_answers_the_document_with_slots_in_its_own_type() {
    let server = server();
    let html = b"<h1>Title</h1>".iter().copied().chain(
        (0..12)
            .flat_map(|i| format!("<p>Paragraph {i} has enough words in it to count for spacing rules of ads, one two three four five six seven eight nine ten eleven twelve thirteen.</p>\n").into_bytes())
    ).collect::<Vec<u8>>();
    let reply = post(server.addr, "/v1/insert", "text/html", &html);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=UTF-8")
    );
    let (ok, stdout, stderr) = cli(
        &[
            "place",
            "-",
            "--input-format",
            "html",
            "--format",
            "html",
            "--rules",
            UPI,
        ],
        &html,
    );
    assert!(ok, "{stderr}");
    assert_eq!(reply.body, stdout);
    assert!(reply.text().contains("data-adslot"), "slots were inserted");
    // A charset parameter decodes the body, and the answer is in the same encoding.
    let latin1: Vec<u8> = html
        .iter()
        .copied()
        .chain(b"<p>Caf\xe9.</p>".iter().copied())
        .collect();
    let reply = post(
        server.addr,
        "/v1/insert",
        "text/html; charset=windows-1252",
        &latin1,
    );
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=windows-1252")
    );
    assert!(reply.body.ends_with(b"<p>Caf\xe9.</p>"));
    // `?format=` names formats without a media type, and wins over the Content-Type.
    let gutenberg = std::fs::read(repo("tests/fixtures/cms/city-budget.gutenberg")).unwrap();
    let reply = post(
        server.addr,
        "/v1/insert?format=gutenberg",
        "text/html",
        &gutenberg,
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=UTF-8")
    );
    let reply = send(
        server.addr,
        "POST",
        "/v1/insert?format=gutenberg",
        &[],
        &gutenberg,
    );
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=UTF-8")
    );
    let ans = std::fs::read(repo("tests/fixtures/cms/council-story.ans")).unwrap();
    let reply = post(
        server.addr,
        "/v1/insert?format=ans",
        "application/json",
        &ans,
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("content-type"),
        Some("application/json; charset=UTF-8")
    );
    let markdown = b"# Title\n\nOne two three four five six.\n\nSeven eight nine ten.\n";
    let reply = post(server.addr, "/v1/insert", "text/markdown", markdown);
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/markdown; charset=UTF-8")
    );
}

#[test]
fn bad_bodies_are_answered_with_the_clis_located_messages() {
    let server = server();
    let addr = server.addr;
    let place_stdin = ["place", "-", "--input-format", "json", "--rules", UPI];
    // Not JSON at all: 400, located as the CLI locates it.
    let body = std::fs::read(repo("tests/fixtures/bad/malformed.json")).unwrap();
    let reply = post(addr, "/v1/place", "application/json", &body);
    assert_eq!(reply.status, 400);
    assert_eq!(reply.error(), cli_error(&place_stdin, &body));
    let problem = &reply.json()["problems"][0];
    assert_eq!(problem["origin"], "<body>");
    assert!(problem["position"]["line"].as_u64().is_some(), "{problem}");
    // JSON, but not an article: 422, every problem listed.
    for bad in ["unknown-kind.json", "unknown-key.json", "rules.json"] {
        let body = std::fs::read(repo(&format!("tests/fixtures/bad/{bad}"))).unwrap();
        let reply = post(addr, "/v1/place", "application/json", &body);
        assert_eq!(reply.status, 422, "{bad}: {}", reply.text());
        assert_eq!(reply.error(), cli_error(&place_stdin, &body), "{bad}");
        let problems = reply.json()["problems"].as_array().unwrap().len();
        assert_eq!(problems, reply.error().lines().count(), "{bad}");
    }
    // Not UTF-8: 400.
    let body = std::fs::read(repo("tests/fixtures/bad/invalid-utf8.json")).unwrap();
    let reply = post(addr, "/v1/place", "application/json", &body);
    assert_eq!(reply.status, 400);
    assert_eq!(reply.error(), cli_error(&place_stdin, &body));
    // An unknown device is a bad query (400) with the library's message.
    let reply = post(addr, "/v1/place?device=watch", "application/json", &seed());
    assert_eq!(reply.status, 400);
    let mut args = place_stdin.to_vec();
    args.extend(["--device", "watch"]);
    assert_eq!(reply.error(), cli_error(&args, &seed()));
    let reply = post(addr, "/v1/place?explain=maybe", "application/json", &seed());
    assert_eq!(reply.status, 400);
    assert!(reply.error().starts_with("bad query"), "{}", reply.error());
    // Content types: unknown ones, unknown formats and charsets are 415; so is a format that
    // takes no slots, on /v1/insert.
    for (path, content_type) in [
        ("/v1/insert", "application/x-www-form-urlencoded"),
        ("/v1/place", "image/png"),
        ("/v1/insert?format=docx", "text/html"),
        ("/v1/insert", "text/html; charset=klingon"),
        ("/v1/insert", "text/plain"),
    ] {
        let reply = post(addr, path, content_type, b"<p>Hello.</p>");
        assert_eq!(reply.status, 415, "{path} {content_type}: {}", reply.text());
    }
    let reply = post(addr, "/v1/insert", "application/json", br#"{"blocks":[]}"#);
    assert_eq!(reply.status, 415, "{}", reply.text());
    let reply = post(addr, "/v1/insert", "text/plain", b"Hello.");
    assert!(
        reply.error().contains("plain text takes no slots"),
        "{}",
        reply.error()
    );
    let reply = post(
        addr,
        "/v1/insert?explain=true",
        "text/html",
        b"<p>Hello.</p>",
    );
    assert_eq!(reply.status, 400);
}

#[test]
fn oversized_bodies_are_refused_with_413() {
    let mut options = ServeOptions::default();
    options.max_body = 1000;
    let server = Server::start(&repo(UPI), options);
    let big = vec![b' '; 1001];
    let reply = post(server.addr, "/v1/place", "application/json", &big);
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.error(),
        "<body>: input is larger than the limit of 1000 bytes (the server's --max-body)"
    );
    let reply = post(server.addr, "/v1/insert", "text/html", &big);
    assert_eq!(reply.status, 413);
    // A body without a length, streamed in chunks past the limit.
    let mut stream = connect(server.addr);
    let mut request = head(
        "POST",
        "/v1/insert",
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
        ],
        None,
    );
    for _ in 0..3 {
        request.extend(format!("{:x}\r\n", 600).as_bytes());
        request.extend(vec![b'a'; 600]);
        request.extend(b"\r\n");
    }
    request.extend(b"0\r\n\r\n");
    stream.write_all(&request).unwrap();
    assert_eq!(read_reply(&mut stream).unwrap().status, 413);
    // At the limit is fine.
    let reply = post(server.addr, "/v1/insert", "text/html", &vec![b' '; 1000]);
    assert_eq!(reply.status, 200);
}

#[test]
fn a_request_slower_than_the_timeout_is_answered_408() {
    let mut options = ServeOptions::default();
    options.timeout = Duration::from_millis(300);
    let server = Server::start(&repo(UPI), options);
    let body = seed();
    let mut stream = connect(server.addr);
    let request = head(
        "POST",
        "/v1/place",
        &[("Content-Type", "application/json")],
        Some(body.len()),
    );
    stream.write_all(&request).unwrap();
    stream.write_all(&body[..10]).unwrap();
    let reply = read_reply(&mut stream).unwrap();
    assert_eq!(reply.status, 408);
    assert!(reply.error().contains("--timeout"));
}

#[test]
fn requests_over_the_concurrency_limit_wait_for_a_free_slot() {
    let mut options = ServeOptions::default();
    options.max_concurrent = 1;
    let server = Server::start(&repo(UPI), options);
    let body = seed();
    // The first request holds the only slot while its body is incomplete.
    let mut first = connect(server.addr);
    let request = head(
        "POST",
        "/v1/place",
        &[("Content-Type", "application/json")],
        Some(body.len()),
    );
    first.write_all(&request).unwrap();
    first.write_all(&body[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let mut second = connect(server.addr);
    second
        .write_all(&head("GET", "/healthz", &[], None))
        .unwrap();
    second
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut byte = [0u8; 1];
    let early = std::io::Read::read(&mut second, &mut byte);
    assert!(
        early.is_err(),
        "the second request was answered while the first held the slot"
    );
    second
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    first.write_all(&body[10..]).unwrap();
    assert_eq!(read_reply(&mut first).unwrap().status, 200);
    assert_eq!(read_reply(&mut second).unwrap().status, 200);
}
