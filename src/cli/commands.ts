/** The CLI's commands, one module each. */
export type Command = (args: string[]) => Promise<number>;

export const commands: Record<string, Command> = {};
