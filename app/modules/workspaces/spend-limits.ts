// The words of a spend-limit refusal (402), shared by the server that writes
// them and the pages that recognise them.
export type LimitReached = { limit: number; spent: number; cost: number };

const detail = ({ limit, spent, cost }: LimitReached) =>
  `The limit is ${limit.toLocaleString("en")} credits a month; ${Math.max(0, limit - spent).toLocaleString("en")} are left and this request may cost up to ${cost.toLocaleString("en")}.`;

export const memberLimitReached = (workspaceName: string, reached: LimitReached) =>
  `You have reached your monthly limit in ${workspaceName} — ask an owner. ${detail(reached)}`;

export const teamLimitReached = (teamName: string, workspaceName: string, reached: LimitReached) =>
  `Your team “${teamName}” has reached its monthly limit in ${workspaceName} — ask an owner. ${detail(reached)}`;

/** Whether a 402's message is a spend limit (ask an owner) rather than the workspace's balance (top up). */
export const isLimitReached = (message: string) => / monthly limit in /.test(message);
