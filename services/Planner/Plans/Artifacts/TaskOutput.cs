using System.Text;

namespace Orchestrator.Planner.Plans.Artifacts;

/// <summary>What a completed task hands to the tasks that depend on it: its result, with the person's edits in it.</summary>
public static class TaskOutput
{
    /// <summary>
    /// The task's result with every edited artifact in its place: an edited code block replaces the original block; an
    /// edited result document replaces the whole result, and code blocks edited as well follow it under their names.
    /// </summary>
    public static string Of(PlanTask task)
    {
        var result = task.Result ?? "";
        if (task.Artifacts.IsDefaultOrEmpty || !task.Artifacts.Any(a => a.Edited))
        {
            return result;
        }

        var whole = task.Artifacts[0];
        var blocks = task.Artifacts.Skip(1).Where(a => a.Edited).ToList();
        if (whole.Edited || blocks.Any(b => b.Start < 0 || b.Start + b.Length > result.Length))
        {
            var text = new StringBuilder(whole.Content);
            foreach (var block in blocks)
            {
                text.Append("\n\n").Append(block.Name).Append(":\n").Append(Fence(block.Content)).Append(block.Language).Append('\n')
                    .Append(block.Content).Append('\n').Append(Fence(block.Content)).Append('\n');
            }

            return text.ToString();
        }

        var output = new StringBuilder(result);
        foreach (var block in blocks.OrderByDescending(b => b.Start))
        {
            output.Remove(block.Start, block.Length).Insert(block.Start, block.Content);
        }

        return output.ToString();
    }

    /// <summary>A fence longer than any run of backticks in the content, so the content cannot close it early.</summary>
    private static string Fence(string content)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new string('`', Math.Max(3, longest + 1));
    }
}
