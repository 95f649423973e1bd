// Small child-process helpers shared by the start, test and CI scripts.
import { spawn } from "node:child_process";

export const log = (message) => console.log(`\x1b[36minkwell:\x1b[0m ${message}`);

export class StepFailed extends Error {}

/** Runs a command (output inherited unless `stdio` says otherwise); rejects with StepFailed on a non-zero exit. */
export function run(command, args, { env = process.env, label, stdio = "inherit" } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio, env });
    child.on("error", (error) => reject(new StepFailed(`${label ?? command}: ${error.message}`)));
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new StepFailed(
              `${label ?? [command, ...args].join(" ")} failed (${signal ?? `exit ${code}`})`,
            ),
          ),
    );
  });
}

/** Prints a failure as one line (no stack for expected problems) and exits non-zero. */
export function exitWith(error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\x1b[31minkwell: ${message}\x1b[0m`);
  process.exit(1);
}
