using Orchestrator.AppHost.Hosting;

namespace Orchestrator.AppHost.Orchestration;

/// <summary>Orders resources by their WaitFor edges.</summary>
public static class ResourceGraph
{
    /// <summary>
    /// Groups resources into levels: level 0 waits for nothing, level n waits only for lower levels.
    /// Resources of one level may start together; stopping goes through the levels backwards.
    /// Throws when the WaitFor edges form a cycle (naming it) or point outside the application.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Resource>> StartLevels(IReadOnlyList<Resource> resources)
    {
        var known = resources.ToHashSet();
        foreach (var resource in resources)
        {
            var missing = resource.WaitsFor.FirstOrDefault(d => !known.Contains(d));
            if (missing is not null)
            {
                throw new InvalidOperationException($"'{resource.Name}' waits for '{missing.Name}', which was not added to the application.");
            }
        }

        var levelOf = new Dictionary<Resource, int>();
        var remaining = resources.ToList();
        var levels = new List<IReadOnlyList<Resource>>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(r => r.WaitsFor.All(levelOf.ContainsKey)).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"Resources wait for each other in a cycle: {DescribeCycle(remaining)}.");
            }

            foreach (var resource in ready)
            {
                levelOf[resource] = levels.Count;
                remaining.Remove(resource);
            }

            levels.Add(ready);
        }

        return levels;
    }

    /// <summary>Throws when two resources (or a resource and the dashboard) would listen on the same port.</summary>
    public static void EnsureDistinctPorts(IEnumerable<Resource> resources, int dashboardPort)
    {
        var owners = new Dictionary<int, string> { [dashboardPort] = "the dashboard" };
        foreach (var resource in resources)
        {
            foreach (var port in resource.Ports)
            {
                if (!owners.TryAdd(port, $"'{resource.Name}'"))
                {
                    throw new InvalidOperationException($"Port {port} is given to both {owners[port]} and '{resource.Name}'; configure Orchestrator:{resource.Name}:Port.");
                }
            }
        }
    }

    /// <summary>Follows WaitFor edges inside the blocked set until a resource repeats: "a → b → a".</summary>
    private static string DescribeCycle(IReadOnlyCollection<Resource> blocked)
    {
        var path = new List<Resource>();
        var current = blocked.First();
        while (!path.Contains(current))
        {
            path.Add(current);
            current = current.WaitsFor.First(blocked.Contains);
        }

        var cycle = path.Skip(path.IndexOf(current)).Append(current);
        return string.Join(" → ", cycle.Select(r => r.Name));
    }
}
