using System.Text;

namespace Orchestrator.Planner.Plans.Artifacts;

/// <summary>File names for artifacts when they leave the system (a download, the plan's zip).</summary>
public static class ArtifactFileNames
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["markdown"] = "md", ["md"] = "md", ["python"] = "py", ["py"] = "py", ["javascript"] = "js", ["js"] = "js", ["jsx"] = "jsx",
        ["typescript"] = "ts", ["ts"] = "ts", ["tsx"] = "tsx", ["csharp"] = "cs", ["cs"] = "cs", ["c#"] = "cs", ["java"] = "java",
        ["go"] = "go", ["rust"] = "rs", ["rs"] = "rs", ["ruby"] = "rb", ["php"] = "php", ["c"] = "c", ["cpp"] = "cpp", ["c++"] = "cpp",
        ["kotlin"] = "kt", ["swift"] = "swift", ["sql"] = "sql", ["json"] = "json", ["yaml"] = "yaml", ["yml"] = "yml", ["xml"] = "xml",
        ["html"] = "html", ["css"] = "css", ["scss"] = "scss", ["bash"] = "sh", ["sh"] = "sh", ["shell"] = "sh", ["zsh"] = "sh",
        ["powershell"] = "ps1", ["dockerfile"] = "Dockerfile", ["toml"] = "toml", ["ini"] = "ini", ["diff"] = "diff", ["text"] = "txt",
    };

    /// <summary>
    /// A safe file name: the artifact's own when it already looks like one (<c>app.py</c>), else its name in kebab case with
    /// the extension of its language (<c>.md</c> for documents, <c>.txt</c> when unknown). Never a path.
    /// </summary>
    public static string Of(TaskArtifact artifact)
    {
        var last = artifact.Name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var own = Slug(last, keepDots: true);
        if (own.Contains('.') && !own.StartsWith('.') && !own.EndsWith('.'))
        {
            return own;
        }

        var extension = artifact.Kind == TaskArtifact.Markdown ? "md"
            : artifact.Language is { } language && Extensions.TryGetValue(language, out var known) ? known : "txt";
        var stem = Slug(artifact.Name, keepDots: false);
        return extension == "Dockerfile" ? (stem.Length == 0 ? "Dockerfile" : $"{stem}.Dockerfile") : $"{(stem.Length == 0 ? "artifact" : stem)}.{extension}";
    }

    /// <summary>Lower-case letters, digits and dashes (and dots when asked), at most 80 characters.</summary>
    public static string Slug(string text, bool keepDots = false)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_' || (keepDots && c == '.'))
            {
                slug.Append(keepDots ? c : char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 80)
            {
                break;
            }
        }

        return slug.ToString().Trim('-', '.');
    }
}
