// The shapes the web app exchanges with the gateway, named after what the app calls them. Each is an alias of a
// schema in the services' OpenAPI documents (src/types/generated, `npm run api:types`), so a change in a service
// shows up here as a type error. The few that no document describes are written out below, each saying why.

import type { components as conversation, paths as conversationPaths } from './generated/conversation';
import type { components as executor, paths as executorPaths } from './generated/executor';
import type { components as planner, paths as plannerPaths } from './generated/planner';
import type { components as prompts, paths as promptPaths } from './generated/promptanalytics';

type Planner = planner['schemas'];
type Conversations = conversation['schemas'];
type Executor = executor['schemas'];
type Prompts = prompts['schemas'];

/** Every route of the API behind the gateway, as the services' documents describe them. */
export type paths = plannerPaths & conversationPaths & executorPaths & promptPaths;

// The gateway answers `/api/system/health` itself and publishes no OpenAPI document.
export type ServiceStatus = 'healthy' | 'unhealthy';

export type ServiceHealth = {
  name: string;
  status: ServiceStatus;
  detail?: string;
};

export type SystemHealth = {
  services: ServiceHealth[];
};

export type ModelInfo = Conversations['ModelProviderInfo'];
export type ModelProvider = ModelInfo['provider'];

export type TaskMode = Planner['TaskMode'];
export type TaskStatus = Planner['TaskStatus'];
export type PlanStatus = Planner['PlanStatus'];
export type Task = Planner['TaskView'];

/** An artifact as a task lists it; its content comes from `GET …/tasks/{taskId}/artifacts/{artifactId}`. */
export type ArtifactSummary = Planner['ArtifactView'];
export type ArtifactKind = ArtifactSummary['kind'];
/** An artifact with its content at its current version. */
export type ArtifactContent = Planner['ArtifactContent'];

/** The answer to `POST …/tasks/{taskId}/decompose`: the planner's decision, why, and the proposed subtasks (none when it executes directly). */
export type Decomposition = Planner['DecompositionView'];

export type PlanView = Planner['PlanView'];
export type PlanRating = Planner['PlanRating'];
export type RatePlanRequest = Planner['RatePlanRequest'];
export type PatternRef = Planner['PatternRef'];
/** A proven plan in the gallery, as listed by `GET /api/patterns`. */
export type PatternSummary = Planner['PatternSummary'];
/** One task of a pattern's tree (the plan's request is not one of them: its top-level tasks have no parent). */
export type PatternTask = Planner['PatternTask'];
export type Pattern = Planner['PatternView'];
export type PlanSummary = Planner['PlanSummary'];
export type CreatePlanRequest = Planner['CreatePlanRequest'];
export type AddTaskRequest = Planner['AddTaskRequest'];
export type UpdateTaskRequest = Planner['EditTaskRequest'];
export type MoveTaskRequest = Planner['MoveTaskRequest'];
/** One event of a plan's history, as `GET …/history` lists it and the plan's stream sends it (`event: plan-event`). */
export type PlanEvent = Planner['HistoryEntry'];

export type MessageRole = Conversations['MessageRole'];
export type ConversationMessage = Conversations['MessageView'];
export type ReplyVerdict = NonNullable<Conversations['ReplyVerdict']>;
export type ProposalStatus = Conversations['ProposalStatus'];
/** One proposed child chat; `dependsOn` holds sibling keys. */
export type ProposedSubtask = Conversations['ProposedSubtask'];
export type SubtaskProposal = Conversations['ProposalView'];
export type AcceptProposalRequest = Conversations['AcceptProposalRequest'];
// The Conversation service passes on the Planner's answer to adding the children as it is.
export type AcceptedProposal = Planner['ChildrenView'];
export type ConversationInput = Conversations['InputView'];
export type Conversation = Conversations['ConversationView'];

// The Conversation service reads a message by hand (it also arrives as the AI SDK chat's `{ messages }`), so its
// document describes the body as any JSON.
export type SendMessageRequest = {
  content: string;
};

export type ReplyFeedbackRequest = Conversations['ReplyFeedbackRequest'];

export type PromptVersion = Prompts['VersionView'];
export type PromptTemplate = Prompts['TemplateView'];
export type CreatePromptVersionRequest = Prompts['AddVersionRequest'];
export type Allocation = Prompts['AllocationKind'];
export type ExperimentStatus = Prompts['ExperimentStatus'];
export type CreateExperimentRequest = Prompts['StartExperimentRequest'];
export type Experiment = Prompts['Experiment'];
export type VariantResult = Prompts['VariantResult'];
export type ExperimentResults = Prompts['ExperimentResults'];
export type OutcomeRequest = Prompts['RecordOutcomeRequest'];

/** A task's execution, as `GET /api/executions?planId=` lists it. */
export type ExecutionStatus = Executor['ExecutionView'];

/** RFC 7807 problem details, the one error format of every service; a request that fails validation adds `errors`. */
export type ProblemDetails = Conversations['ProblemDetails'] & {
  errors?: Record<string, string[]>;
};

export type FailureExample = Prompts['FailureExample'];
/** Failed tasks of one kind of error, prompt version and mode; `key` is "<kind>|<promptVersionId or none>|<mode>". */
export type FailurePattern = Prompts['FailurePattern'];
