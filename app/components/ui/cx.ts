/** Joins class names, skipping the ones a condition turned off. */
export const cx = (...classes: (string | false | null | undefined)[]) => classes.filter(Boolean).join(" ");
