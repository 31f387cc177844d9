/** A CLI failure that is the user's input: exit code 2 and one readable line. */
export class CliUsageError extends Error {}
