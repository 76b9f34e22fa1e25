import { input, select } from '@inquirer/prompts';

/**
 * Asks for one line of text at the terminal. Callers only prompt when `ctx.interactive` is true
 * (stdin and stdout are terminals, `CI` unset); otherwise a missing value is a usage error.
 */
export async function askText(
  message: string,
  options: {
    default?: string;
    required?: boolean;
    validate?: (value: string) => true | string;
  } = {},
): Promise<string> {
  const answer = await input({
    message,
    ...(options.default === undefined ? {} : { default: options.default }),
    required: options.required ?? false,
    validate: (value: string) => options.validate?.(value.trim()) ?? true,
  });
  return answer.trim();
}

/** Asks the user to pick one of a few values. */
export async function askChoice<T extends string>(
  message: string,
  choices: readonly T[],
  initial: T,
): Promise<T> {
  return select<T>({
    message,
    choices: choices.map((value) => ({ value, name: value })),
    default: initial,
  });
}
