// Copies the pinned front-end packages from node_modules into lotse/static/vendor/ (run by
// `npm run vendor` after `npm ci`). The app serves the copies: no npm at runtime.
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "lotse", "static", "vendor");

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
}

function version(name) {
  return JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
}

// KERN UX: the stylesheet (icons are inlined as data: URIs), Fira Sans, the licence.
const kern = join(modules, "@kern-ux", "native");
const kernOut = join(vendor, "kern");
rmSync(kernOut, { recursive: true, force: true });
copy(join(kern, "dist", "kern.min.css"), join(kernOut, "kern.min.css"));
copy(join(kern, "LICENSE.md"), join(kernOut, "LICENSE.md"));
const fontCss = join(kern, "dist", "fonts", "fira-sans.css");
copy(fontCss, join(kernOut, "fonts", "fira-sans.css"));
// only the font files the stylesheet refers to (collectstatic checks every url())
for (const [, url] of readFileSync(fontCss, "utf8").matchAll(/url\("?\.\/([^")]+)"?\)/g)) {
  copy(join(kern, "dist", "fonts", url), join(kernOut, "fonts", url));
}

// htmx: the minified build and its licence.
const htmx = join(modules, "htmx.org");
const htmxOut = join(vendor, "htmx");
rmSync(htmxOut, { recursive: true, force: true });
copy(join(htmx, "dist", "htmx.min.js"), join(htmxOut, "htmx.min.js"));
copy(join(htmx, "LICENSE"), join(htmxOut, "LICENSE"));

console.log(`vendored @kern-ux/native ${version("@kern-ux/native")}, htmx.org ${version("htmx.org")}`);
console.log("update the versions in lotse/static/vendor/README.md if they changed");
