import { input, select } from '@inquirer/prompts';

/** How {@link askText} checks an answer. */
export interface AskTextOptions {
  default?: string;
  required?: boolean;
  /** Gets the answer trimmed; returns true, or why the answer is refused. */
  validate?: (value: string) => true | string;
}

/**
 * Why an answer to {@link askText} is refused, or true. A required answer of only spaces is
 * refused here: the prompt library's own check counts spaces as an answer.
 *
 * @example answerProblem('   ', { required: true }) // 'an answer is needed (not only spaces)'
 */
export function answerProblem(value: string, options: AskTextOptions): true | string {
  const answer = value.trim();
  if (options.required === true && answer === '') return 'an answer is needed (not only spaces)';
  return options.validate?.(answer) ?? true;
}

/**
 * Asks for one line of text at the terminal, again until the answer passes `validate`; a refused
 * answer is cleared from the line. Callers only prompt when `ctx.interactive` is true (stdin and
 * stdout are terminals, `CI` unset); otherwise a missing value is a usage error.
 */
export async function askText(message: string, options: AskTextOptions = {}): Promise<string> {
  const answer = await input({
    message,
    ...(options.default === undefined ? {} : { default: options.default }),
    required: options.required ?? false,
    validate: (value: string) => answerProblem(value, options),
    theme: { validationFailureMode: 'clear' },
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
