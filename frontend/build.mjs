// Bundles the explorer into the Python package's static folder: index.html, app.js (one minified IIFE), app.css;
// and the API docs page: docs.html, with Swagger UI (swagger-ui-dist) and its starter script under docs/.
// `npm run build`; the Makefile runs it after `npm ci`. The output is gitignored: the wheel carries it.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here("../src/entramado/web/static/");

await mkdir(out, { recursive: true });
const common = { bundle: true, minify: true, target: ["es2020"], legalComments: "none", logLevel: "warning" };
await build({ ...common, entryPoints: [here("src/main.js")], outfile: out + "app.js", format: "iife" });
await build({ ...common, entryPoints: [here("src/app.css")], outfile: out + "app.css" });
// index.html is copied as is: `entramado report` inlines app.css and app.js at its two tags, and puts the
// embedded data at its `<!-- entramado:data -->` line.
await copyFile(here("src/index.html"), out + "index.html");
// /api/docs: Swagger UI as npm ships it (already minified), its licences beside it, and a starter script
// of our own instead of the inline one Swagger UI's own page uses (the CSP allows no inline script).
await mkdir(out + "docs", { recursive: true });
const swagger = here("node_modules/swagger-ui-dist/");
for (const file of ["swagger-ui-bundle.js", "swagger-ui-bundle.js.LICENSE.txt", "swagger-ui.css", "LICENSE", "NOTICE"]) {
  await copyFile(swagger + file, out + "docs/" + file);
}
await build({ ...common, entryPoints: [here("src/docs/docs.js")], outfile: out + "docs/docs.js", format: "iife" });
await copyFile(here("src/docs/docs.html"), out + "docs.html");
console.log(`built ${out}`);
