//! The `wasm-bindgen --target web` step of bindings/wasm/build.sh, as a small workspace tool.
//!
//! `adslot-wasm-bindgen INPUT.wasm OUT_DIR OUT_NAME` writes the ES module glue, its TypeScript
//! declarations and the processed module into OUT_DIR, with the options build.sh gave the
//! `wasm-bindgen` command: `--target web --out-name OUT_NAME --remove-name-section
//! --remove-producers-section` (the command's other defaults unchanged: demangled names,
//! `.d.ts` files, the default module path).
#![forbid(unsafe_code)]
#![deny(warnings)]

use std::path::PathBuf;
use std::process::ExitCode;

use wasm_bindgen_cli_support::Bindgen;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, out_name] = args.as_slice() else {
        eprintln!("usage: adslot-wasm-bindgen INPUT.wasm OUT_DIR OUT_NAME");
        return ExitCode::from(2);
    };
    match generate(PathBuf::from(input), PathBuf::from(out_dir), out_name) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("adslot-wasm-bindgen: {input}: {e:?}");
            ExitCode::FAILURE
        }
    }
}

/// Runs wasm-bindgen as the `wasm-bindgen` command does with build.sh's flags.
fn generate(input: PathBuf, out_dir: PathBuf, out_name: &str) -> anyhow::Result<()> {
    let mut bindgen = Bindgen::new();
    bindgen.web(true)?;
    bindgen
        .input_path(input)
        .out_name(out_name)
        .typescript(true)
        .demangle(true)
        .omit_default_module_path(false)
        .remove_name_section(true)
        .remove_producers_section(true);
    bindgen.generate(out_dir)
}
