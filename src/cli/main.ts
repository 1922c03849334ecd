/**
 * Command-line entry: `npm run --silent cli -- <command> ...`.
 * Each command's contract (output JSON, exit codes) is stable: other tools read it.
 * Exit codes: 0 success, 1 a typed failure (reason on stderr), 2 usage error.
 */
import { commands } from './commands.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(
      `usage: cli <command> [args]\ncommands: ${Object.keys(commands).sort().join(', ')}\n`,
    );
    return 2;
  }
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
