// One line per model for the model picker: what it is good for. Prices,
// plans and providers come from the catalog (ai/models.ts).
export const MODEL_NOTES: Record<string, string> = {
  "gpt-4o-mini": "Fast and inexpensive; good for everyday questions and drafts.",
  "gpt-4o": "OpenAI's capable all-rounder for writing, analysis and code.",
  "gpt-4-turbo": "An older large OpenAI model, kept for existing workflows.",
  "claude-3-5-sonnet-20241022": "Strong at careful writing, reasoning and code.",
  "claude-3-opus-20240229": "Anthropic's earlier flagship; thorough but slow and costly.",
  "gpt-4.1": "Long documents (up to a million tokens) and precise instructions.",
  "gpt-4.1-mini": "Long context at a small price; a good default for documents.",
  "claude-sonnet-4-5": "Anthropic's current model for demanding work and code.",
  "claude-haiku-4-5": "Anthropic's quick, low-cost model for short tasks.",
};
