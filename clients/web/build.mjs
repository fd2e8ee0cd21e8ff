// Bundles the client for the browser into dist/: the page, its stylesheet and one ES module script.
// rsocket-js ships CommonJS that expects Node's Buffer, which the bundle gets from the "buffer" package.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";

const dist = new URL("./dist/", import.meta.url);
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  entryPoints: [new URL("./src/app.js", import.meta.url).pathname],
  outfile: new URL("app.js", dist).pathname,
  bundle: true,
  format: "esm",
  target: "es2022",
  platform: "browser",
  inject: [new URL("./src/buffer-shim.js", import.meta.url).pathname],
  sourcemap: true,
  minify: false,
  logLevel: "warning",
});
await copyFile(new URL("./src/index.html", import.meta.url), new URL("index.html", dist));
await copyFile(new URL("./src/style.css", import.meta.url), new URL("style.css", dist));
console.log(`built ${dist.pathname}`);
