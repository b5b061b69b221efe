// Copies the pinned front-end packages from node_modules into static/vendor/.
// static/vendor/ is git-ignored: it is built by `make assets` from package-lock.json.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "vendor");
const files = {
  "@utrecht/component-library-css/dist/index.css": "utrecht-components.css",
  "@utrecht/design-tokens/dist/theme.css": "utrecht-theme.css",
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
  // The OPP's PDF uses these fonts from disk: no font is fetched over the network.
  "@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff": "fonts/source-sans-3-400.woff",
  "@fontsource/source-sans-3/files/source-sans-3-latin-400-italic.woff": "fonts/source-sans-3-400-italic.woff",
  "@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff": "fonts/source-sans-3-700.woff",
  // The web pages use the same font as woff2 (static/css/ontwerp.css): served by the app.
  "@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff2": "fonts/source-sans-3-400.woff2",
  "@fontsource/source-sans-3/files/source-sans-3-latin-400-italic.woff2": "fonts/source-sans-3-400-italic.woff2",
  "@fontsource/source-sans-3/files/source-sans-3-latin-600-normal.woff2": "fonts/source-sans-3-600.woff2",
  "@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff2": "fonts/source-sans-3-700.woff2",
};

mkdirSync(join(out, "fonts"), { recursive: true });
for (const [source, target] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", source), join(out, target));
}
const versions = [...new Set(Object.keys(files)
  .map((source) => source.split(/\/(dist|files)\//)[0])
  .map((pkg) => `${pkg}@${JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"))).version}`))];
console.log(`static/vendor: ${versions.join(", ")}`);
