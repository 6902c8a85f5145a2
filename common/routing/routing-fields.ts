/** Agent presence: only `online` agents get new tickets; `busy` keeps what they have, `away` and `offline` too. */
export const agentPresences = ['online', 'busy', 'away', 'offline'] as const;
export type AgentPresence = (typeof agentPresences)[number];

/** How a group hands out its queue: automatically to the least loaded or the next in turn, or agents pull. */
export const routingStrategies = ['least_loaded', 'round_robin', 'manual'] as const;
export type RoutingStrategy = (typeof routingStrategies)[number];

/** Languages agents may speak and a group may require (BCP 47: Mandarin in simplified script, English, Cantonese). */
export const agentLanguages = ['zh-CN', 'zh-TW', 'en', 'yue'] as const;
export type AgentLanguage = (typeof agentLanguages)[number];

/** Ticket channels that are live conversations and count against an agent's concurrent-chat capacity. */
export const conversationChannels = ['chat'] as const;

export const defaultCapacity = { maxOpenTickets: 20, maxConcurrentChats: 3 } as const;

/** What asking for the next ticket gave. */
export const pullOutcomes = ['assigned', 'queue_empty', 'at_capacity'] as const;
export type PullOutcome = (typeof pullOutcomes)[number];
