//! `adslot batch`: an answer for every line, in order, with its number and location.

use super::*;

#[test]
fn batch_answers_every_line_in_order_on_any_thread_count() {
    let seed = std::fs::read_to_string(SEED_JSON).expect("seed");
    let seed: serde_json::Value = serde_json::from_str(&seed).expect("json");
    let mut input = String::new();
    for i in 0..300 {
        if i % 97 == 5 {
            input.push_str("{\"blocks\": [{\"kind\": \"paragrap\"}]}\n");
        } else {
            let mut article = seed.clone();
            article["id"] = serde_json::Value::String(format!("a{i}"));
            input.push_str(&article.to_string());
            input.push('\n');
        }
    }
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let mut child = adslot(&["batch", "--rules", UPI, "--threads", threads])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        let mut stdin = child.stdin.take().expect("stdin");
        let feed = input.clone();
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            stdin.write_all(feed.as_bytes()).expect("write");
        });
        let out = child.wait_with_output().expect("output");
        writer.join().expect("writer");
        assert_eq!(out.status.code(), Some(3), "some lines failed");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert!(
            stderr.starts_with("296 articles, 1184 ads, 4 errors in "),
            "{stderr}"
        );
        outputs.push(String::from_utf8(out.stdout).expect("UTF-8"));
    }
    assert_eq!(outputs[0], outputs[1], "the same answers in the same order");
    let lines: Vec<&str> = outputs[0].lines().collect();
    assert_eq!(lines.len(), 300);
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each answer is JSON");
        if i % 97 == 5 {
            assert_eq!(v["line"], i + 1);
            assert!(v["error"]
                .as_str()
                .expect("error")
                .contains("did you mean `paragraph`?"));
        } else {
            assert_eq!(v["id"], format!("a{i}"));
            let gaps: Vec<u64> = v["placements"]
                .as_array()
                .expect("placements")
                .iter()
                .map(|p| p["before_block"].as_u64().expect("gap"))
                .collect();
            assert_eq!(gaps, [0, 5, 9, 13]);
        }
    }
}

/// Runs `adslot batch ARGS` on `input`; returns (exit status, stdout, stderr).
fn batch(args: &[&str], input: &[u8]) -> (Option<i32>, String, String) {
    use std::io::Write;
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    let mut child = adslot(&all)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // A run that fails before reading (an unknown device) may close its stdin first.
    if let Err(e) = stdin.write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write: {e}");
    }
    drop(stdin);
    let out = child.wait_with_output().expect("output");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code(), text(out.stdout), text(out.stderr))
}

/// Regressions: a blank line got no answer (so answers drifted from their lines), errors read
/// `line 8:2:1`, the `id` of a line that failed was dropped, and the exit status was 0 when
/// lines failed.
#[test]
fn batch_answers_every_line_with_its_number_and_location() {
    let input: &[u8] = b"{\"id\":\"a\",\"blocks\":[{\"kind\":\"headline\",\"text\":\"Hi\"},{\"kind\":\"paragraph\",\"text\":\"One two three four five six.\"}]}\n\
        \n\
        not json\n\
        {\"id\":\"b\",\"blocks\":[{\"kind\":\"paragrap\",\"text\":\"x\"}]}\n\
        {\"blocks\":[]}\n\
        \t \r\n\
        {\"id\":\"c\",\"blocks\":[\n\
        {\"id\":\"d\",\"blocks\":[{\"kind\":\"quote\",\"text\":\"caf\xff\"}]}\n\
        {\"id\":\"e\",\"blocks\":[]}";
    let (status, stdout, stderr) = batch(&["--rules", UPI, "--threads", "2"], input);
    assert_eq!(status, Some(3), "some lines failed: {stderr}");
    let answers: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON answer"))
        .collect();
    assert_eq!(answers.len(), 9, "one answer per input line:\n{stdout}");
    for (i, a) in answers.iter().enumerate() {
        assert_eq!(a["line"], i + 1, "{a}");
    }
    assert_eq!(answers[0]["id"], "a");
    assert!(answers[1]["error"]
        .as_str()
        .expect("blank")
        .contains("blank line"));
    assert_eq!(
        answers[2]["error"], "<stdin>:3:2: expected ident",
        "file:line:column, the line of the input"
    );
    assert_eq!(answers[3]["id"], "b", "the id is kept when it was read");
    assert!(answers[3]["error"]
        .as_str()
        .expect("error")
        .starts_with("<stdin>:4:"));
    assert_eq!(answers[4]["placements"], serde_json::json!([]));
    assert_eq!(
        answers[6]["id"],
        serde_json::Value::Null,
        "not read: malformed"
    );
    assert_eq!(
        answers[7]["id"],
        serde_json::Value::Null,
        "not read: not UTF-8"
    );
    assert_eq!(answers[8]["id"], "e");
    insta::assert_snapshot!("batch_answers", stdout);
    assert!(
        stderr.starts_with("3 articles, 1 ad, 6 errors in "),
        "{stderr}"
    );
    // Every line placed: 0. A failure of the whole run: 1.
    let (status, _, stderr) = batch(&["--rules", UPI], b"{\"blocks\":[]}\n");
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stderr.starts_with("1 article, 0 ads, 0 errors in "),
        "{stderr}"
    );
    let (status, stdout, stderr) = batch(&["--rules", UPI, "--device", "watch"], b"{}\n");
    assert_eq!((status, stdout.as_str()), (Some(1), ""), "{stderr}");
}
