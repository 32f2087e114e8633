// Run by locale.test.ts under one locale: runs each command given as JSON in argv in this process (so the whole
// run shares the locale the environment set) and prints what each one printed, as JSON.
import { main } from "../../src/cli/main.js";

const runs: string[][] = JSON.parse(process.argv[2] ?? "[]");
const printed: string[] = [];
for (const args of runs) {
  let text = "";
  const code = await main(args, {
    stdout: (t) => {
      text += typeof t === "string" ? t : Buffer.from(t).toString("latin1");
    },
    stderr: (t) => {
      text += t;
    },
    isTty: false,
  });
  printed.push(`exit ${code}\n${text}`);
}
process.stdout.write(JSON.stringify(printed));
