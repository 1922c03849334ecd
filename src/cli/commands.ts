/** The CLI's commands, one module each. */
import { extract } from './extract';
import { indexCommand } from './index-command';
import { match } from './match';
import { resolveCommand } from './resolve';

export type Command = (args: string[]) => Promise<number>;

export const commands: Record<string, Command> = {
  extract,
  index: indexCommand,
  match,
  resolve: resolveCommand,
};
