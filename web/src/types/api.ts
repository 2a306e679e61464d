// Every shape the web app exchanges with the gateway, as documented in the shared API.md.
// JSON is camelCase, ids are GUID strings, times are ISO 8601 UTC.

import type { Cost } from '@/lib/cost';

export type ServiceStatus = 'healthy' | 'unhealthy';

export type ServiceHealth = {
  name: string;
  status: ServiceStatus;
  detail?: string;
};

export type SystemHealth = {
  services: ServiceHealth[];
};

export type ModelProvider = 'simulator' | 'openai' | 'azure-openai' | 'openai-compatible';

export type ModelInfo = {
  provider: ModelProvider;
  model: string;
  simulated: boolean;
  /** Optional: true when the price table names the model, so costs are shown in dollars. */
  priced?: boolean;
};

export type TaskMode = 'interactive' | 'autonomous' | 'hybrid';

export type TaskStatus =
  | 'pending'
  | 'ready'
  | 'active'
  | 'awaiting-input'
  | 'completed'
  | 'failed'
  | 'cancelled';

export type PlanStatus = 'draft' | 'proposed' | 'running' | 'completed' | 'failed' | 'cancelled';

export type Task = {
  id: string;
  parentId: string | null;
  title: string;
  objective: string;
  mode: TaskMode;
  status: TaskStatus;
  dependsOn: string[];
  order: number;
  conversationId: string | null;
  result: string | null;
  /** Optional: a short summary of the result. */
  summary?: string | null;
  /** Optional: why the task failed, or why a parent needs attention (a child failed). */
  problem?: string | null;
  /** Optional: how many times the task was readied to run. */
  attempts?: number;
  /** Optional: true while the task belongs to a proposal the person has not approved. */
  proposed?: boolean;
  /** Optional: a task whose child failed is flagged by the planner. */
  needsAttention?: boolean;
  /** Optional: the question a hybrid or interactive task is waiting on. */
  question?: string | null;
  /** Optional: what the task is expected to produce. */
  expectedOutputs?: string[];
  /** Optional: the tokens the task's own model calls used and what they cost. */
  cost?: Cost;
  /** What the task produced as named artifacts (empty until it completes); the first is the whole result. */
  artifacts?: ArtifactSummary[];
  /** Optional: tokens spent on the task's result. */
  tokens?: number;
};

export type ArtifactKind = 'markdown' | 'code';

/** An artifact as a task lists it; its content comes from `GET …/tasks/{taskId}/artifacts/{artifactId}`. */
export type ArtifactSummary = {
  id: string;
  name: string;
  kind: ArtifactKind;
  language?: string | null;
  version: number;
  edited?: boolean;
  fileName?: string;
};

/** An artifact with its content at its current version. */
export type ArtifactContent = ArtifactSummary & {
  planId: string;
  taskId: string;
  fileName: string;
  content: string;
};

/** The answer to `POST …/tasks/{taskId}/decompose`: the planner's decision, why, and the proposed subtasks (none when it executes directly). */
export type Decomposition = {
  planId: string;
  taskId: string;
  action: 'execute' | 'split';
  reason: string;
  promptVersionId: string;
  attempts: number;
  /** What the planner fixed in the model's reply to read it (a code fence, a mode named "auto", …). */
  repairs: string[];
  version: number;
  tasks: Task[];
};

export type PlanView = {
  id: string;
  title: string;
  request: string;
  status: PlanStatus;
  version: number;
  tasks: Task[];
  /** Optional: the sum of the tasks' costs. */
  cost?: Cost;
  /** The gallery patterns the decomposition was based on; empty (or absent) when none. */
  patterns?: PatternRef[];
  /** The person's verdict on the finished plan; null (or absent) when not rated. */
  rating?: PlanRating | null;
};

export type PlanRating = {
  /** 1 (poor) to 5 (excellent). */
  score: number;
  comment: string | null;
  at?: string;
};

export type RatePlanRequest = {
  score: number;
  comment?: string;
};

export type PatternRef = {
  id: string;
  title: string;
};

/** A proven plan in the gallery, as listed by `GET /api/patterns`. */
export type PatternSummary = {
  id: string;
  title: string;
  request: string;
  taskCount: number;
  /** Plans started from or based on it. */
  uses: number;
  /** Share of those plans that succeeded, 0–1; null while it was never used. */
  successRate: number | null;
  /** `proven`: its plan succeeded and went into the gallery by itself; `saved`: the person saved it. */
  origin?: 'proven' | 'saved';
  createdAt: string;
};

/** One task of a pattern's tree (the plan's request is not one of them: its top-level tasks have no parent). */
export type PatternTask = {
  id: string;
  parentId: string | null;
  title: string;
  objective: string;
  mode: TaskMode;
  dependsOn: string[];
  expectedOutputs: string[];
  order: number;
};

export type Pattern = PatternSummary & {
  successes: number;
  sourcePlanId: string | null;
  tasks: PatternTask[];
};

export type PlanSummary = {
  id: string;
  title: string;
  status: PlanStatus;
  createdAt: string;
  updatedAt: string;
};

export type CreatePlanRequest = {
  request: string;
  title?: string;
  /** Start from this gallery pattern, adapted to `request`: the plan comes back with its tasks proposed. */
  patternId?: string;
};

export type AddTaskRequest = {
  parentId: string;
  title: string;
  objective?: string;
  mode?: TaskMode;
  dependsOn?: string[];
};

export type UpdateTaskRequest = Partial<Pick<Task, 'title' | 'objective' | 'mode' | 'dependsOn'>>;

export type MoveTaskRequest = {
  parentId: string;
  index: number;
};

export type PlanEvent = {
  version: number;
  type: string;
  at: string;
  data: unknown;
};

export type MessageRole = 'system' | 'user' | 'assistant';

export type ConversationMessage = {
  id: string;
  role: MessageRole;
  content: string;
  at: string;
  tokens: number | null;
  /** Optional: `stopped` when the person stopped the reply before it finished. */
  status?: 'complete' | 'stopped' | 'failed';
  /** Optional: the same, as a flag. */
  stopped?: boolean;
  /** Optional: the prompt version that produced an assistant reply. */
  promptVersionId?: string | null;
  /** Optional: the reply proposed splitting the task into child chats. */
  proposal?: SubtaskProposal | null;
  /** Optional: the tokens the reply's model call read and wrote, and what it cost in US dollars. */
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  /** The person's thumbs on an assistant reply; null when none. */
  feedback?: ReplyVerdict | null;
};

export type ReplyVerdict = 'up' | 'down';

export type ReplyFeedbackRequest = {
  verdict: ReplyVerdict | null;
};

export type ProposalStatus = 'open' | 'accepted' | 'dismissed';

/** One proposed child chat; `dependsOn` holds sibling keys. */
export type ProposedSubtask = {
  key: string;
  title: string;
  objective: string;
  mode: TaskMode;
  dependsOn: string[];
  expectedOutputs: string[];
};

export type SubtaskProposal = {
  id: string;
  status: ProposalStatus;
  reason: string;
  subtasks: ProposedSubtask[];
  /** The created tasks, once accepted, in the order of `subtasks`. */
  taskIds?: string[];
};

export type AcceptProposalRequest = {
  subtasks?: ProposedSubtask[];
};

export type AcceptedProposal = {
  planId: string;
  parentId: string;
  version: number;
  tasks: Task[];
};

export type ConversationInput = {
  taskId: string;
  title: string;
  content: string;
  source: string;
};

export type Conversation = {
  id: string;
  taskId: string;
  /** Optional: the plan the task belongs to. */
  planId?: string;
  /** Optional: the task's parent; absent for the plan's root. */
  parentId?: string | null;
  /** Optional: the task's mode. */
  mode?: TaskMode;
  messages: ConversationMessage[];
  /** Optional: the consolidated brief the task's conversation starts from. */
  brief?: string;
  /** Optional: the inputs the task declares (dependencies' results, what the parent passed down). */
  inputs?: ConversationInput[];
  status?: 'idle' | 'awaiting-input';
  /** Optional: the question the conversation is waiting on. */
  pendingQuestion?: string | null;
  /** Optional: set once older turns were summarised to stay within the model's context. */
  recap?: { summary: string; messagesSummarised: number; at: string } | null;
};

export type SendMessageRequest = {
  content: string;
};

export type PromptVersion = {
  versionId: string;
  name: string;
  /** Optional: the version's place in its template's history, from 1. */
  number?: number;
  text: string;
  createdAt: string;
  labels: string[];
  note?: string | null;
  /** Optional: the version's model calls so far and what they cost in US dollars. */
  cost?: { calls: number; usd: number };
};

export type PromptTemplate = {
  name: string;
  description?: string | null;
  versions: PromptVersion[];
};

export type CreatePromptVersionRequest = {
  text: string;
  note?: string;
  parameters?: Record<string, unknown>;
};

export type Allocation = 'fixed' | 'bandit';

export type ExperimentStatus = 'running' | 'stopped' | 'completed' | 'promoted';

export type CreateExperimentRequest = {
  prompt: string;
  variants: { versionId: string; weight: number }[];
  allocation: Allocation;
  metric: string;
};

export type Experiment = {
  id: string;
  prompt: string;
  status: ExperimentStatus | string;
  allocation?: Allocation;
  metric?: string;
  variants?: { versionId: string; weight: number }[];
  createdAt?: string;
};

export type VariantResult = {
  versionId: string;
  /** Optional: the variant's name in the experiment. */
  variant?: string;
  n: number;
  successes: number;
  /** Null while the variant has no outcomes. */
  rate: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
  probabilityBest: number | null;
};

export type ExperimentResults = {
  id: string;
  prompt: string;
  status: ExperimentStatus | string;
  variants: VariantResult[];
  winner: string | null;
  /** Optional: in words, why a winner is or is not declared yet. */
  decision?: string;
  minimumSample?: number;
};

export type OutcomeRequest = {
  subject: string;
  versionId: string;
  success: boolean;
  metric?: string;
  value?: number;
};

export type ExecutionStatus = {
  taskId: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  completedAt: string | null;
  tokens: number | null;
  /** Optional: what the task's turns cost in US dollars. */
  costUsd?: number;
};

/** RFC 7807 problem details, the one error format of every service. */
export type ProblemDetails = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
};

export type FailureExample = {
  planId: string;
  taskId: string;
  conversationId: string | null;
  at: string;
};

/** Failed tasks of one kind of error, prompt version and mode; `key` is "<kind>|<promptVersionId or none>|<mode>". */
export type FailurePattern = {
  key: string;
  /** The newest failure's reason with ids, numbers, quoted values, URLs and timestamps replaced by placeholders. */
  reason: string;
  count: number;
  lastSeen: string;
  promptVersionIds: string[];
  modes: string[];
  /** The group's newest failures, newest first. */
  examples: FailureExample[];
};
