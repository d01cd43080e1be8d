import { Link, type LinkProps } from "react-router";
import { cx } from "./cx";

const base =
  "inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60";
const variants = {
  primary: "bg-brand-600 text-white shadow-xs hover:bg-brand-700",
  secondary: "border border-stone-300 bg-white text-stone-800 shadow-xs hover:bg-stone-100",
  danger: "bg-red-600 text-white shadow-xs hover:bg-red-700",
  ghost: "text-stone-700 hover:bg-stone-100",
} as const;
const sizes = { md: "", sm: "px-2.5 py-1 text-xs" } as const;
export type ButtonVariant = keyof typeof variants;

export const buttonClass = (variant: ButtonVariant = "primary", size: keyof typeof sizes = "md", className?: string) =>
  cx(base, variants[variant], sizes[size], className);

export function Button({
  variant = "primary",
  size = "md",
  className,
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: keyof typeof sizes }) {
  return <button className={buttonClass(variant, size, className)} {...props} />;
}

export function ButtonLink({
  variant = "primary",
  size = "md",
  className,
  ...props
}: LinkProps & { variant?: ButtonVariant; size?: keyof typeof sizes }) {
  return <Link className={buttonClass(variant, size, className)} {...props} />;
}
