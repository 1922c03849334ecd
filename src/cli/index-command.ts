/** `cli index <verb> …`: the repository index (only `build` for now). */
import { runIndexBuild } from './index-build';
import { processIo, type Io } from './io';

export async function runIndex(args: string[], io: Io = processIo): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'build') return runIndexBuild(rest, io);
  io.stderr('usage: cli index build --repo <owner/name> (--tree <file> | --clone <dir>) …\n');
  return 2;
}

export const indexCommand = (args: string[]): Promise<number> => runIndex(args);
