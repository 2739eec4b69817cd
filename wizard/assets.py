"""Light pages: static files built once with content-hashed names, served by WhiteNoise; HTML compressed.

Build (``make setup`` runs ``python -m wizard.assets``): every file under ``static/`` except the Sass sources is
copied into ``static/dist/files/`` twice, under its own name and under a name with the first 12 hex digits of
the SHA-256 of its content (``build/main.3f2a...c1.css``). References between the files (``url()`` in CSS,
``import ... from '...'`` in JavaScript modules) are rewritten to the hashed names first, so a file's name
changes whenever anything it loads changes. Each file gets a gzip and a brotli copy beside it (WhiteNoise's
compressor keeps them only when they are smaller). ``static/dist/manifest.json`` maps each name to its hashed
name and records a digest of each source, so a build older than its sources is noticed at start-up.

Serving: WhiteNoise answers ``/static/...`` from that folder before Flask sees the request, picking the ``.br``
or ``.gz`` copy the browser accepts; hashed names are cached for a year as immutable (the name changes when the
content does), plain names for a minute. ``url_for('static', filename=...)`` gives the hashed name. Without a
build (or with a stale one) the app says so in its log and serves ``static/`` as before, uncompressed and
revalidated: slower, never wrong.

HTML: Flask-Compress compresses pages with brotli or gzip, except where BREACH could read a secret out of them
(see ``may_compress``). Every page stays ``no-store`` (security.py): only the static files are cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
import sys
import tempfile
from pathlib import Path

from wizard.settings import PROJECT_ROOT

SOURCE_DIR = PROJECT_ROOT / "static"
DIST_DIR = SOURCE_DIR / "dist"
MANIFEST = "manifest.json"
FILES = "files"
# Folders under static/ that are inputs of other builds, not files to serve.
NOT_SERVED = {"scss", "dist"}
ONE_YEAR = 365 * 24 * 60 * 60
HASH_LENGTH = 12
HASHED_NAME = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.[A-Za-z0-9]+$")
# Unhashed names are only reached from an old link or by typing them: cached a minute, then revalidated.
PLAIN_MAX_AGE = 60

# References a file makes to another: url(...) in CSS; static and dynamic imports and re-exports in JS modules.
_CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<ref>[^"')\s]+)(?P=q)\s*\)""")
_JS_IMPORT = re.compile(
    r"""(?P<head>\bimport\s*\(\s*|\bimport\s*|\bfrom\s*)(?P<q>["'])(?P<ref>[^"'\n]+)(?P=q)"""
)
_REFERENCES = {".css": _CSS_URL, ".js": _JS_IMPORT, ".mjs": _JS_IMPORT}


class AssetBuildError(Exception):
    pass


def source_files(source: Path = SOURCE_DIR) -> dict[str, Path]:
    """Every file to serve, by its name under /static/ (``build/main.css``), sorted."""
    found = {}
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not path.is_file() or relative.parts[0] in NOT_SERVED or any(p.startswith(".") for p in relative.parts):
            continue
        found[relative.as_posix()] = path
    return found


def source_digests(files: dict[str, Path]) -> dict[str, str]:
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}


def hashed_name(name: str, content: bytes) -> str:
    folder, base = posixpath.split(name)
    stem, dot, suffix = base.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    hashed = f"{stem}.{digest}.{suffix}" if dot else f"{base}.{digest}"
    return posixpath.join(folder, hashed)


def _resolve(name: str, ref: str) -> str | None:
    """The name under /static/ that ``ref`` (written in file ``name``) points at, or None if it points elsewhere."""
    ref = ref.split("?", 1)[0].split("#", 1)[0]
    if ref.startswith("/static/"):
        return posixpath.normpath(ref[len("/static/") :])
    if ref.startswith(("./", "../")):
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), ref))
        return None if resolved.startswith("..") else resolved
    return None  # data:, another site's address, a bare module name: not a file of ours


def build(source: Path = SOURCE_DIR, dist: Path = DIST_DIR, *, compress: bool = True) -> dict[str, str]:
    """Build ``dist`` from ``source``; returns the manifest's ``files`` (name -> hashed name)."""
    files = source_files(source)
    contents = {name: path.read_bytes() for name, path in files.items()}
    hashed: dict[str, str] = {}
    rewritten: dict[str, bytes] = {}
    visiting: set[str] = set()

    def process(name: str) -> None:
        if name in hashed:
            return
        if name in visiting:
            raise AssetBuildError(f"static/{name} takes part in a loop of files loading each other")
        visiting.add(name)
        content = contents[name]
        pattern = _REFERENCES.get(posixpath.splitext(name)[1])
        if pattern is not None:
            text = content.decode("utf-8")

            def replace(match: re.Match) -> str:
                ref = match.group("ref")
                target = _resolve(name, ref)
                if target not in contents:
                    return match.group(0)  # not one of our files (e.g. an asset of a component never used)
                process(target)
                new_ref = ref[: len(ref) - len(posixpath.basename(ref))] + posixpath.basename(hashed[target])
                return match.group(0).replace(ref, new_ref, 1)

            content = pattern.sub(replace, text).encode("utf-8")
        rewritten[name] = content
        hashed[name] = hashed_name(name, content)
        visiting.discard(name)

    for name in contents:
        process(name)

    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=dist.parent))
    try:
        for name, content in rewritten.items():
            for served_name in (name, hashed[name]):
                target = staging / FILES / served_name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        if compress:
            _compress_all(staging / FILES)
        manifest = {"files": hashed, "sources": source_digests(files)}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        os.chmod(staging, 0o755)  # noqa: S103 - public files, readable by whichever user serves them
        old = dist.with_name(f".{dist.name}-old-{os.getpid()}")
        if dist.exists():
            dist.rename(old)
        staging.rename(dist)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return hashed


def _compress_all(root: Path) -> None:
    from whitenoise.compress import Compressor

    compressor = Compressor(quiet=True)
    for path in sorted(root.rglob("*")):
        if path.is_file() and compressor.should_compress(path.name):
            compressor.compress(str(path))


def load_manifest(dist: Path = DIST_DIR, source: Path = SOURCE_DIR) -> tuple[dict[str, str] | None, str]:
    """The built names, or None and the reason when there is no build or it is older than its sources."""
    try:
        manifest = json.loads((dist / MANIFEST).read_text())
        files, sources = manifest["files"], manifest["sources"]
    except FileNotFoundError:
        return None, f"no build of the static files in {dist}"
    except (OSError, ValueError, KeyError, TypeError) as error:
        return None, f"the build of the static files in {dist} cannot be read ({error})"
    if source_digests(source_files(source)) != sources:
        return None, f"the build of the static files in {dist} is older than the files in {source}"
    return files, ""


# ---------------------------------------------------------------------------------------------------------------
# Serving


def may_compress(request) -> bool:
    """Whether this HTML response may be compressed, given BREACH.

    BREACH reads a secret out of compressed pages by making the person's browser ask, many times, for a page
    that holds both the secret (here a CSRF token, or the person's answers) and text the attacker chose, and
    watching the sizes go by. That needs requests started by another site that carry the person's cookie. So a
    page is compressed when the request carried no cookie (then there is nothing of the person's in it), or
    when the browser says it was made from this site itself or typed by the person (``Sec-Fetch-Site:
    same-origin`` or ``none``, which a page on another site cannot fake). Anything else - a link or form from
    another site with a cookie, or an old browser that does not send the header - gets the page uncompressed.
    (Flask-WTF's token is also signed again with a timestamp every second, so its changing part is no fixed
    target either.)
    """
    if not request.cookies:
        return True
    return request.headers.get("Sec-Fetch-Site", "").lower() in ("same-origin", "none")


def static_headers(app):
    """The headers security.py puts on pages, for the files WhiteNoise answers without asking Flask."""
    from wizard.security import content_security_policy

    def add_headers(headers, path, url) -> None:
        headers["Content-Security-Policy"] = content_security_policy(None)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if app.config["APP_ENV"] != "development":
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"

    return add_headers


def init_assets(app) -> None:
    """Serve the built static files through WhiteNoise, name them by hash in url_for, compress HTML."""
    from flask import request
    from flask_compress import Compress
    from whitenoise import WhiteNoise

    dist = Path(app.config.get("STATIC_DIST_DIR") or DIST_DIR)
    source = Path(app.static_folder)
    built, problem = load_manifest(dist, source)
    app.extensions["static_build"] = built
    if built is None:
        app.logger.warning(
            "%s: serving static/ as it is, without long caching or compressed copies; run `make setup`", problem
        )
    else:

        class StaticFiles(WhiteNoise):
            def add_cache_headers(self, headers, path, url):
                if HASHED_NAME.search(url):
                    headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
                else:
                    headers["Cache-Control"] = f"public, max-age={PLAIN_MAX_AGE}"

        app.wsgi_app = StaticFiles(
            app.wsgi_app,
            root=str(dist / FILES),
            prefix=app.static_url_path,
            allow_all_origins=False,
            add_headers_function=static_headers(app),
        )

        @app.url_defaults
        def hashed_static_names(endpoint, values):
            if endpoint == "static" and values.get("filename") in built:
                values["filename"] = built[values["filename"]]

    app.config.setdefault("COMPRESS_REGISTER", False)
    app.config.setdefault("COMPRESS_MIMETYPES", ["text/html"])
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_EVALUATE_CONDITIONAL_REQUEST", False)
    compress = Compress()
    compress.init_app(app)

    @app.after_request
    def compress_html(response):
        # Registered first, so it runs after every other after_request function has finished the body.
        if response.mimetype in app.config["COMPRESS_MIMETYPES"] and may_compress(request):
            return compress.after_request(response)
        return response


def _main(argv: list[str]) -> int:
    dist = Path(argv[0]) if argv else DIST_DIR
    try:
        files = build(SOURCE_DIR, dist)
    except (AssetBuildError, OSError, UnicodeDecodeError) as error:
        print(f"Could not build the static files: {error}", file=sys.stderr)
        return 1
    print(f"Built {len(files)} static files into {dist}, with hashed names and gzip and brotli copies.")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
