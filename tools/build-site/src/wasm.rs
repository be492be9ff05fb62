//! The browser builds after cargo: splitting the app's module per route, wasm-bindgen's JS
//! glue, and wasm-opt.

use crate::cargo::{self, Mode, OUTPUT_NAME};
use crate::{Paths, site};
use anyhow::{Context, Result, anyhow, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use wasm_bindgen_cli_support::Bindgen;

/// The features rustc's wasm32 target emits by default, which wasm-opt must be told of.
const TARGET_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The light pages' WASM and its loader into public/light-pages/ (not in git), from where the
/// site's assets step (or `cargo leptos watch`) copies them.
pub fn light_pages(paths: &Paths, mode: Mode) -> Result<()> {
    let built = cargo::light_pages_wasm(paths, mode)?;
    let out = paths.root.join("public/light-pages");
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut bindgen = Bindgen::new();
    bindgen.input_path(&built).web(true).map_err(|e| anyhow!(e))?;
    bindgen.typescript(false).out_name("page");
    bindgen.generate(&out).map_err(|e| anyhow!("wasm-bindgen on the light pages: {e:#}"))?;
    let wasm = out.join("page_bg.wasm");
    if mode == Mode::Release {
        optimize(paths, std::slice::from_ref(&wasm), &TARGET_FEATURES)?;
    }
    let bytes = std::fs::metadata(&wasm).map(|m| m.len()).unwrap_or(0);
    println!("build-site: light pages: {bytes} bytes of WASM");
    Ok(())
}

/// The app's WASM, split per lazy route, with its loader and the split chunks' manifest, into
/// the site's pkg/ folder: the names leptos's hydration scripts load.
pub fn app(paths: &Paths) -> Result<()> {
    let built = cargo::app_wasm(paths)?;
    let pkg = paths.site.join(site::PKG_DIR);
    std::fs::create_dir_all(&pkg).with_context(|| format!("creating {}", pkg.display()))?;

    let input = std::fs::read(&built).with_context(|| format!("reading {}", built.display()))?;
    let main_split = built.with_file_name("staff_onboarding_split.wasm");
    let main_module = format!("./{OUTPUT_NAME}.js");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &pkg;
        options.main_out_path = &main_split;
        options.main_module = &main_module;
        // The underscores are where cargo-leptos puts a hash when it hashes file names.
        options.link_name = "./__wasm_split.______________________.js";
        options
    })
    .map_err(|e| anyhow!("splitting the app's WASM: {e:#}"))?;
    let manifest = serde_json::to_string_pretty(&split.prefetch_map)?;
    std::fs::write(pkg.join("__wasm_split_manifest.json"), manifest)?;

    let mut bindgen = Bindgen::new();
    bindgen.input_path(&main_split).web(true).map_err(|e| anyhow!(e))?;
    bindgen.keep_lld_exports(true).demangle(false).typescript(false).out_name(OUTPUT_NAME);
    bindgen.generate(&pkg).map_err(|e| anyhow!("wasm-bindgen on the app: {e:#}"))?;
    // leptos's hydration script loads `<name>.wasm`, not bindgen's `<name>_bg.wasm`.
    let main = pkg.join(format!("{OUTPUT_NAME}.wasm"));
    std::fs::rename(pkg.join(format!("{OUTPUT_NAME}_bg.wasm")), &main)?;

    let mut modules = vec![main];
    modules.extend(split.split_modules);
    // cargo-leptos's wasm-opt flags for the app, which its hydration was measured with.
    optimize(paths, &modules, &["--enable-bulk-memory", "--enable-nontrapping-float-to-int"])?;
    site::minify_js(paths, &pkg.join(format!("{OUTPUT_NAME}.js")))
}

/// wasm-opt -Oz on each module in place, two at a time (the machines have two cores).
fn optimize(paths: &Paths, modules: &[PathBuf], features: &[&str]) -> Result<()> {
    let wasm_opt = paths.node_bin.join("wasm-opt");
    for pair in modules.chunks(2) {
        let children = pair
            .iter()
            .map(|module| {
                Command::new(&wasm_opt)
                    .arg("-Oz")
                    .args(features)
                    .arg(module)
                    .arg("-o")
                    .arg(module)
                    .spawn()
                    .with_context(|| {
                        format!("starting {} (make setup installs it)", wasm_opt.display())
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        for (child, module) in children.into_iter().zip(pair) {
            let output = child.wait_with_output()?;
            if !output.status.success() {
                bail!("wasm-opt failed on {}", name(module));
            }
        }
    }
    Ok(())
}

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
