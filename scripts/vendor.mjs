// Copy the served front-end files from node_modules into static/vendor.
// Run after `npm ci`: `node scripts/vendor.mjs`. The output is committed, so
// neither developers nor CI need npm; an update is a reviewed diff.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const modules = join(root, "node_modules");
const target = join(root, "static", "vendor");

const copies = [
  ["bootstrap-italia/dist/css/bootstrap-italia.min.css", "bootstrap-italia/css/bootstrap-italia.min.css"],
  ["bootstrap-italia/dist/css/bootstrap-italia.min.css.map", "bootstrap-italia/css/bootstrap-italia.min.css.map"],
  ["bootstrap-italia/dist/js/bootstrap-italia.bundle.min.js", "bootstrap-italia/js/bootstrap-italia.bundle.min.js"],
  ["bootstrap-italia/dist/svg/sprites.svg", "bootstrap-italia/svg/sprites.svg"],
  ["bootstrap-italia/dist/assets", "bootstrap-italia/assets"],
  ["bootstrap-italia/LICENSE", "bootstrap-italia/LICENSE"],
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["htmx.org/LICENSE", "htmx/LICENSE"],
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.js.map", "leaflet/leaflet.js.map"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
  ["chart.js/dist/chart.umd.min.js", "chart.js/chart.umd.min.js"],
  ["chart.js/dist/chart.umd.min.js.map", "chart.js/chart.umd.min.js.map"],
  ["chart.js/LICENSE.md", "chart.js/LICENSE.md"],
  ["axe-core/axe.min.js", "axe-core/axe.min.js"],
  ["axe-core/LICENSE", "axe-core/LICENSE"],
];

rmSync(target, { recursive: true, force: true });
for (const [from, to] of copies) {
  mkdirSync(dirname(join(target, to)), { recursive: true });
  cpSync(join(modules, from), join(target, to), { recursive: true });
}

// Only the woff2 faces are served (every supported browser reads woff2);
// static/app/css/fonts.css declares them, because Bootstrap Italia's
// loadFonts() injects a <style> element that the strict CSP blocks.
for (const family of ["Titillium_Web", "Lora", "Roboto_Mono"]) {
  const source = join(modules, "bootstrap-italia/dist/fonts", family);
  const destination = join(target, "bootstrap-italia/fonts", family);
  mkdirSync(destination, { recursive: true });
  for (const name of readdirSync(source)) {
    if (name.endsWith(".woff2") || name === "OFL.txt") {
      cpSync(join(source, name), join(destination, name));
    }
  }
}
// Bootstrap Italia ships no right-to-left stylesheet; Bootstrap builds its own
// RTL CSS with RTLCSS (its sources carry /* rtl: */ directives), so we do the
// same for the public portal's Arabic pages. The source-map comment is
// dropped: the generated file has no map.
const { default: rtlcss } = await import("rtlcss");
const ltr = readFileSync(join(modules, "bootstrap-italia/dist/css/bootstrap-italia.min.css"), "utf8");
const rtl = rtlcss.process(ltr).replace(/\/\*# sourceMappingURL=.*?\*\//g, "");
writeFileSync(join(target, "bootstrap-italia/css/bootstrap-italia.rtl.min.css"), rtl);

console.log(`vendored ${copies.length} entries into ${target} (+ the RTL stylesheet)`);
