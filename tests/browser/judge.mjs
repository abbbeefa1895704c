#!/usr/bin/env node
// The headless-Chromium judge: renders article pages (or batches of paragraphs) in Debian's
// Chromium and prints what the browser did (block boxes, slot boxes, line counts, line starts).
// A module (`import { Judge } from './judge.mjs'`) with a small CLI; see README.md.

import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { Judge } from './lib/browser.mjs';
import { JudgeError, parseJson, readPagesJob, readParagraphsJob } from './lib/job.mjs';

export { CHROMIUM_ARGS, DEFAULT_CHROMIUM, Judge } from './lib/browser.mjs';
export { JudgeError } from './lib/job.mjs';

/** Launches a judge, measures `pages`, closes it: `{ chromium, pages: [...] }`. */
export async function judgePages(job, options = {}) {
  readPagesJob(job, 'job'); // a bad job fails before Chromium starts
  const judge = await Judge.launch(options);
  try {
    return { chromium: judge.version, pages: await judge.pages(Array.isArray(job) ? job : job.pages) };
  } finally {
    await judge.close();
  }
}

/** Launches a judge, measures a paragraphs job, closes it. */
export async function judgeParagraphs(job, options = {}) {
  readParagraphsJob(job, 'job');
  const judge = await Judge.launch(options);
  try {
    return await judge.paragraphs(job);
  } finally {
    await judge.close();
  }
}

const USAGE = `usage: node judge.mjs [--paragraphs] [--concurrency N] [--timeout-ms N] [--chromium PATH] [--pretty] [JOB.json | -]

Reads a job (a file, or standard input when JOB is - or absent) and prints the measurements as JSON.
  page mode (default): [{ "id", "html", "css", "width_px", "viewport_px", "lang", "fonts", "images" }, ...]
  --paragraphs:        { "texts": [...], "css", "width_px", "viewport_px", "lang", "fonts", "chunk" }
Exit status: 0 measured, 1 a bad job, a page that failed, or no Chromium, 2 bad usage.`;

async function main(argv) {
  const o = { paragraphs: false, pretty: false, concurrency: 1, timeoutMs: 60_000, chromium: undefined, job: '-' };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    const count = (name) => {
      const v = value();
      if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`${name} must be a positive integer (got ${JSON.stringify(v)})`);
      return Number(v);
    };
    if (a === '--paragraphs') o.paragraphs = true;
    else if (a === '--pretty') o.pretty = true;
    else if (a === '--concurrency') o.concurrency = count(a);
    else if (a === '--timeout-ms') o.timeoutMs = count(a);
    else if (a === '--chromium') o.chromium = value();
    else if (a === '-h' || a === '--help') return { out: USAGE, code: 0 };
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length > 1) throw new UsageError('give one job file');
  if (positional.length) o.job = positional[0];

  const name = o.job === '-' ? '<stdin>' : o.job;
  let text;
  try {
    text = readFileSync(o.job === '-' ? 0 : o.job, 'utf8');
  } catch (e) {
    throw new JudgeError(`${name}: cannot read the job: ${e.code ?? e.message}`);
  }
  const job = parseJson(text, name);
  if (o.paragraphs) readParagraphsJob(job, name);
  else readPagesJob(job, name);
  const options = { chromium: o.chromium, timeoutMs: o.timeoutMs, concurrency: o.concurrency };
  const started = performance.now();
  const result = o.paragraphs ? await judgeParagraphs(job, options) : await judgePages(job, options);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const out = JSON.stringify(result, null, o.pretty ? 2 : undefined);
  if (o.paragraphs) {
    process.stderr.write(`judge: ${result.paragraphs.length} paragraphs in ${seconds} s (Chromium ${result.chromium})\n`);
    return { out, code: 0 };
  }
  const failed = result.pages.filter((p) => p.error);
  for (const p of failed) process.stderr.write(`error: page ${JSON.stringify(p.id)}: ${p.error}\n`);
  process.stderr.write(`judge: ${result.pages.length} pages (${failed.length} failed) in ${seconds} s (Chromium ${result.chromium})\n`);
  return { out, code: failed.length ? 1 : 0 };
}

class UsageError extends Error {}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  main(process.argv.slice(2)).then(
    ({ out, code }) => {
      process.stdout.write(`${out}\n`);
      process.exitCode = code;
    },
    (e) => {
      if (e instanceof UsageError) {
        process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
        process.exitCode = 2;
      } else if (e instanceof JudgeError) {
        process.stderr.write(`error: ${e.message}\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`error: ${e.stack ?? e}\n`);
        process.exitCode = 1;
      }
    },
  );
}
