namespace Orchestrator.Prompts;

/// <summary>A built-in template version: seeded into the library on first start, and the fallback when the library is unreachable.</summary>
public sealed record BuiltInPrompt(string Name, int Revision, string Description, string Text, PromptParameters Parameters, IReadOnlyList<string> Variables)
{
    /// <summary>The version id outcomes are tagged with when this text is used, e.g. <c>builtin:decompose:1</c>.</summary>
    public string VersionId => BuiltInPrompts.VersionIdFor(Name, Revision);
}

/// <summary>The built-in templates, one per purpose in <see cref="PromptNames"/>.</summary>
public static class BuiltInPrompts
{
    public const string VersionIdPrefix = "builtin:";

    /// <summary>The variable through which a decomposition prompt version asks for the gallery's proven plans as worked examples.</summary>
    public const string ExamplesVariable = "{{$examples}}";

    /// <summary>True when a decomposition prompt's <paramref name="text"/> asks for the gallery's examples.</summary>
    public static bool UsesPatterns(string text) => text?.Contains(ExamplesVariable, StringComparison.Ordinal) ?? false;

    /// <summary>The part of <see cref="Decompose"/> that gives the gallery's proven plans as worked examples.</summary>
    private const string ExamplesSection = """
        Proven plans from the gallery for similar requests: plans that ran and succeeded, each with its answer (may be empty).
        Build on them where they fit the request: reuse their structure, modes and dependencies, but write every title and
        objective for THIS request, and leave out or add subtasks where this request differs. Never copy an example's facts.
        <examples>
        {{$examples}}
        </examples>

        """;

    public static BuiltInPrompt Decompose { get; } = new(
        PromptNames.Decompose,
        2,
        "Decide whether a request is executed directly or split into self-contained subtasks, building on proven plans from the gallery; replies in the plan_decomposition JSON schema.",
        """
        You are the planner of a system that runs work as a tree of focused tasks. Each task runs in its own
        short conversation that sees ONLY its own brief and the results of the tasks it depends on, never the
        other tasks' conversations. Language models lose a large part of their ability when an instruction is
        spread over several turns, and keep almost all of it when everything arrives in one consolidated turn.
        So every subtask you write must be a complete brief that can be carried out in one turn.

        The request (current depth {{$depth}} of at most {{$maxDepth}}):
        <request>
        {{$request}}
        </request>

        Context from the surrounding plan (the parent objective, sibling titles, decisions already made; may be empty):
        <context>
        {{$context}}
        </context>

        Proven plans from the gallery for similar requests: plans that ran and succeeded, each with its answer (may be empty).
        Build on them where they fit the request: reuse their structure, modes and dependencies, but write every title and
        objective for THIS request, and leave out or add subtasks where this request differs. Never copy an example's facts.
        <examples>
        {{$examples}}
        </examples>

        Decide first:
        - "execute" when one focused conversation can do the request well: it has a single clear objective and
          its output fits in one answer. Prefer this for small requests, and always at the maximum depth.
        - "split" when the request mixes several objectives, needs different kinds of work (design, code, tests,
          research), or has parts that can run in parallel.

        When you split, write 2 to 7 subtasks. For each:
        - key: a short unique kebab-case identifier.
        - title: imperative, at most 80 characters.
        - objective: one clear, self-contained, fully specified objective. Restate every fact, constraint,
          name, version, format and acceptance criterion from the request and context that this subtask needs;
          never write "as above", "the previous step" or "see the request": the subtask cannot see them.
        - mode:
          - "interactive" for design decisions, trade-offs that need the person's preferences, or complex judgement;
          - "hybrid" for complex logic or debugging that runs alone but may need to ask the person a question;
          - "autonomous" for research, boilerplate, tests, validation and other work with a clear right answer.
        - dependsOn: keys of sibling subtasks whose results this one needs as input. Keep the graph acyclic and
          leave independent subtasks without dependencies so they run in parallel.
        - expectedOutputs: the concrete artifacts it delivers (a file, a decision with rationale, a test report).
        - subtasks: leave empty unless the subtask itself clearly needs a further split and depth allows it.

        Do not invent requirements the request does not imply; when something essential is unknown, make an
        interactive subtask that settles it first and let the others depend on it.

        Reply with JSON only, following the plan_decomposition schema:
        { "action": "execute" or "split", "reason": "...", "subtasks": [ { "key": "...", "title": "...",
        "objective": "...", "mode": "autonomous", "dependsOn": [ ], "expectedOutputs": [ "..." ], "subtasks": [ ] } ] }
        With "execute", "subtasks" is an empty array.
        """,
        new PromptParameters(Temperature: 0.2, MaxTokens: 4096, ResponseSchema: DecompositionSchema.Name),
        ["request", "depth", "maxDepth", "context", "examples"]);

    /// <summary>
    /// The decomposition prompt without the gallery's worked examples (revision 1): added to the library when the patterns
    /// experiment starts, as its control, to measure whether plans based on proven patterns succeed more often.
    /// </summary>
    public static BuiltInPrompt DecomposeWithoutPatterns { get; } = new(
        PromptNames.Decompose,
        1,
        "Decide whether a request is executed directly or split into self-contained subtasks; replies in the plan_decomposition JSON schema.",
        Decompose.Text.Replace(ExamplesSection + "\n", "", StringComparison.Ordinal),
        new PromptParameters(Temperature: 0.2, MaxTokens: 4096, ResponseSchema: DecompositionSchema.Name),
        ["request", "depth", "maxDepth", "context"]);

    public static BuiltInPrompt Execute { get; } = new(
        PromptNames.Execute,
        1,
        "Carry out one task from its consolidated brief and its declared inputs.",
        """
        You are carrying out one task of a larger plan. Everything you need is below; you will not see the rest
        of the plan or other tasks' conversations.

        <brief>
        {{$brief}}
        </brief>

        Inputs from the tasks this one depends on (may be empty):
        <inputs>
        {{$inputs}}
        </inputs>

        Deliver exactly these outputs:
        <expected-outputs>
        {{$expectedOutputs}}
        </expected-outputs>

        Work through the brief completely in this answer. Produce the outputs themselves (the code, the text, the
        decision with its rationale), not a description of what you would do. Keep to the brief's constraints and
        state any assumption you had to make in one line at the end. If the brief cannot be done without a fact
        only the person has, say precisely which fact and why instead of guessing.
        """,
        new PromptParameters(Temperature: 0.3, MaxTokens: 8192),
        ["brief", "inputs", "expectedOutputs"]);

    public static BuiltInPrompt Aggregate { get; } = new(
        PromptNames.Aggregate,
        1,
        "Combine the results of a task's children into the result of the parent task.",
        """
        The subtasks of a task have finished. Combine their results into the result of the parent task.

        The parent's objective:
        <objective>
        {{$objective}}
        </objective>

        The subtasks' results, each under its title:
        <results>
        {{$results}}
        </results>

        Write the parent's result: one coherent deliverable that meets the objective, not a list of summaries.
        Keep every concrete artifact (code, decisions, figures) the objective needs, remove repetition, and
        resolve contradictions between results explicitly, saying which result you followed and why. End with a
        short list of anything the objective asked for that no result delivered.
        """,
        new PromptParameters(Temperature: 0.2, MaxTokens: 8192),
        ["objective", "results"]);

    public static BuiltInPrompt Chat { get; } = new(
        PromptNames.Chat,
        2,
        "System prompt of a task's conversation with a person.",
        """
        You are working with a person on one task of a larger plan. This conversation is isolated: it sees only
        this task's brief and the inputs it declares.

        <brief>
        {{$brief}}
        </brief>

        <inputs>
        {{$inputs}}
        </inputs>

        The task is done when these outputs exist:
        <expected-outputs>
        {{$expectedOutputs}}
        </expected-outputs>

        Be direct and concrete. When a decision needs the person's judgement, lay out the options with their
        trade-offs and a recommendation, then ask one clear question. Do not ask for what the brief or the inputs
        already say. When the expected outputs are complete, present them in full and say that the task can be
        marked done.

        When this task mixes several objectives that are better done apart, when this conversation has grown long
        and keeps turning to new parts, or when the person asks to split the task ("split this into parts", "break
        this down"), call propose_subtasks instead of doing everything here: give each child chat a short title,
        one complete, self-contained brief (everything it needs, since it will not see this conversation), a mode
        (autonomous for research and routine work, interactive for decisions that need the person, hybrid for work
        that may need a question), the keys of the siblings it depends on, and its expected outputs. The person
        reviews the proposal and creates the chats; say in one sentence why you propose it.
        """,
        new PromptParameters(Temperature: 0.5, MaxTokens: 4096),
        ["brief", "inputs", "expectedOutputs"]);

    public static BuiltInPrompt Recap { get; } = new(
        PromptNames.Recap,
        1,
        "Sum up a finished task conversation as the task's result, for the tasks that depend on it.",
        """
        A task's conversation has finished. Write the task's result for the tasks that depend on it: they will
        read only this result, never the conversation.

        The task's objective:
        <objective>
        {{$objective}}
        </objective>

        Its expected outputs:
        <expected-outputs>
        {{$expectedOutputs}}
        </expected-outputs>

        The conversation:
        <transcript>
        {{$transcript}}
        </transcript>

        Start with a two-sentence summary. Then give the final state of every expected output in full (the
        final code, the decision and its rationale, the agreed figures), taking later messages over earlier ones
        where they disagree. Leave out discussion that led nowhere. End with open questions, if any.
        """,
        new PromptParameters(Temperature: 0.1, MaxTokens: 4096),
        ["objective", "expectedOutputs", "transcript"]);

    public static IReadOnlyList<BuiltInPrompt> All { get; } = [Decompose, Execute, Aggregate, Chat, Recap];

    /// <summary>The built-in for <paramref name="name"/>, or null when there is none.</summary>
    public static BuiltInPrompt? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>The version id of a built-in revision, e.g. <c>builtin:decompose:1</c>.</summary>
    public static string VersionIdFor(string name, int revision) => $"{VersionIdPrefix}{name}:{revision}";

    /// <summary>The built-in as a resolved prompt, used when PromptAnalytics cannot be reached.</summary>
    public static ResolvedPrompt AsFallback(BuiltInPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return new ResolvedPrompt(prompt.Name, prompt.VersionId, prompt.Text, prompt.Parameters, null, null, IsFallback: true);
    }
}
