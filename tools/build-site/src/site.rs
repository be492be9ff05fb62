//! The site folder: emptied first, then the stylesheet, the assets, the minified loader, and a
//! brotli and a gzip copy of every file, which leptos_axum serves as they are.

use crate::{Paths, run};
use anyhow::{Context, Result, bail};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `site-root` and `site-pkg-dir` of the app's `[package.metadata.leptos]`.
pub const SITE_ROOT: &str = "target/site";
pub const PKG_DIR: &str = "pkg";
/// `style-file`, `assets-dir` and `browserquery`.
const STYLE_FILE: &str = "style/main.css";
const ASSETS_DIR: &str = "public";
const BROWSERS: &str = "defaults";

/// Empties the site, so nothing of an earlier build (a route's chunk that no longer exists, an
/// asset since deleted) is served.
pub fn clear(paths: &Paths) -> Result<()> {
    match fs::remove_dir_all(&paths.site) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            return Err(error).with_context(|| format!("emptying {}", paths.site.display()));
        }
    }
    fs::create_dir_all(&paths.site).with_context(|| format!("creating {}", paths.site.display()))
}

/// The stylesheet, minified and with what the supported browsers need added (Lightning CSS,
/// as cargo-leptos does), as pkg/<output-name>.css.
pub fn style(paths: &Paths) -> Result<()> {
    let out = paths.site.join(PKG_DIR).join(format!("{}.css", crate::cargo::OUTPUT_NAME));
    let mut command = Command::new(paths.node_bin.join("lightningcss"));
    command.args(["--minify", "--targets", BROWSERS]).arg(paths.root.join(STYLE_FILE));
    command.arg("-o").arg(&out);
    run(command, "lightningcss")
}

/// The loader wasm-bindgen wrote, minified in place (esbuild; cargo-leptos uses swc). The
/// loader names the split chunks' module once per import it takes from it, which esbuild would
/// warn of: the keys are equal and so are their values, the one module.
pub fn minify_js(paths: &Paths, file: &Path) -> Result<()> {
    let mut command = Command::new(paths.node_bin.join("esbuild"));
    command.arg(file).args([
        "--minify",
        "--format=esm",
        "--allow-overwrite",
        "--log-level=warning",
    ]);
    command.arg("--log-override:duplicate-object-key=silent");
    command.arg(format!("--outfile={}", file.display()));
    run(command, "esbuild")
}

/// Copies public/ into the site, as cargo-leptos's assets step does.
pub fn assets(paths: &Paths) -> Result<()> {
    let from = paths.root.join(ASSETS_DIR);
    if from.join(PKG_DIR).exists() {
        bail!("{ASSETS_DIR}/{PKG_DIR} would overwrite the built app: move or rename it");
    }
    copy_dir(&from, &paths.site)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// A `.br` (quality 11) and a `.gz` (level 9) beside every file of the site.
pub fn precompress(dir: &Path) -> Result<()> {
    for file in files(dir)? {
        let bytes = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)?;
        fs::write(with_suffix(&file, "gz"), gzip.finish()?)?;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams::default();
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
        fs::write(with_suffix(&file, "br"), brotli)?;
    }
    Ok(())
}

fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(files(&path)?);
        } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz")) {
            found.push(path);
        }
    }
    Ok(found)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn precompress_writes_copies_that_decode_to_each_file_and_only_once() {
        let dir = std::env::temp_dir().join(format!("build-site-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("pkg")).unwrap();
        let text = "body { color: #123; }\n".repeat(200);
        fs::write(dir.join("pkg/app.css"), &text).unwrap();
        fs::write(dir.join("favicon.svg"), "<svg/>").unwrap();

        precompress(&dir).unwrap();
        precompress(&dir).unwrap();

        let mut gzip = String::new();
        flate2::read::GzDecoder::new(&fs::read(dir.join("pkg/app.css.gz")).unwrap()[..])
            .read_to_string(&mut gzip)
            .unwrap();
        assert_eq!(gzip, text);
        let mut brotli = Vec::new();
        brotli::BrotliDecompress(
            &mut &fs::read(dir.join("pkg/app.css.br")).unwrap()[..],
            &mut brotli,
        )
        .unwrap();
        assert_eq!(String::from_utf8(brotli).unwrap(), text);
        let mut names = files(&dir).unwrap();
        names.sort();
        assert_eq!(names, [dir.join("favicon.svg"), dir.join("pkg/app.css")]);
        assert!(!dir.join("pkg/app.css.br.br").exists());
        assert!(dir.join("favicon.svg.br").exists() && dir.join("favicon.svg.gz").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
