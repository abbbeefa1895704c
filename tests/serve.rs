//! `adslot serve` over loopback: every endpoint, bad and oversized bodies, the limits, rules
//! reloaded live, graceful shutdown, and the same answers as the CLI on every fixture.

mod client;
mod endpoints;
mod lifecycle;
mod parity;
