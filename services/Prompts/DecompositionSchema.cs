namespace Orchestrator.Prompts;

/// <summary>
/// The JSON schema a decomposition reply must follow: execute the request directly, or split it into
/// subtasks (each optionally split again). Send it as the structured-output response format.
/// </summary>
public static class DecompositionSchema
{
    /// <summary>The schema's name in the response format.</summary>
    public const string Name = "plan_decomposition";

    /// <summary>
    /// What every proposed subtask is made of, in a decomposition and in a chat's proposal to split itself into child chats
    /// (<c>propose_subtasks</c>): the names every such subtask must have, and their properties.
    /// </summary>
    public const string SubtaskRequired = """
        "key", "title", "objective", "mode", "dependsOn", "expectedOutputs"
        """;

    /// <inheritdoc cref="SubtaskRequired"/>
    public const string SubtaskProperties = """
        "key": { "type": "string", "description": "Short unique identifier, e.g. \"cart-model\"; sibling subtasks depend on it by this key." },
        "title": { "type": "string", "description": "Imperative title of at most 80 characters." },
        "objective": { "type": "string", "description": "The complete, self-contained brief: everything needed to do the subtask in one turn." },
        "mode": { "type": "string", "enum": ["autonomous", "interactive", "hybrid"] },
        "dependsOn": { "type": "array", "items": { "type": "string" }, "description": "Keys of sibling subtasks whose results this one needs." },
        "expectedOutputs": { "type": "array", "items": { "type": "string" }, "description": "Concrete artifacts the subtask delivers." }
        """;

    /// <summary>The schema itself (JSON Schema, strict-mode compatible: every property required, no extra properties).</summary>
    public const string Json = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["action", "reason", "subtasks"],
          "properties": {
            "action": { "type": "string", "enum": ["execute", "split"], "description": "execute: the request is small enough to do directly; split: it needs subtasks." },
            "reason": { "type": "string", "description": "One or two sentences on why this action was chosen." },
            "subtasks": { "type": "array", "description": "Empty when action is execute.", "items": { "$ref": "#/$defs/subtask" } }
          },
          "$defs": {
            "subtask": {
              "type": "object",
              "additionalProperties": false,
              "required": [{{SubtaskRequired}}, "subtasks"],
              "properties": {
                {{SubtaskProperties}},
                "subtasks": { "type": "array", "items": { "$ref": "#/$defs/subtask" }, "description": "Optional further split; empty when the subtask is done directly." }
              }
            }
          }
        }
        """;
}
