import { readFileSync } from "node:fs";
import { parseDocument, LineCounter } from "yaml";
const t = readFileSync("/tmp/hp/ids8.yaml", "utf8");
let s = Date.now(); const lc = new LineCounter(); const d = parseDocument(t, { lineCounter: lc }); console.log("parse", Date.now() - s);
s = Date.now(); d.toJS(); console.log("toJS", Date.now() - s);
