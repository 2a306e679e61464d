using Orchestrator.Planner.Plans;
using TaskStatus = Orchestrator.Planner.Plans.TaskStatus;

namespace Orchestrator.Planner.Tests.Plans;

public sealed class PlanViewTests
{
    [Fact]
    public void Pending_ancestors_of_a_started_task_show_as_active_and_nothing_else_changes()
    {
        var plan = PlanBuilder.Create();
        var design = plan.Add("Design", mode: TaskMode.Interactive);
        var screens = plan.Add("Screens", design, TaskMode.Interactive);
        var sketch = plan.Add("Sketch", screens);
        var build = plan.Add("Build", mode: TaskMode.Interactive);
        var code = plan.Add("Code", build, TaskMode.Autonomous);
        var started = plan.Plan with
        {
            Tasks = plan.Plan.Tasks.Replace(plan[sketch], plan[sketch] with { Status = TaskStatus.Active })
                .Replace(plan[code], plan[code] with { Status = TaskStatus.Cancelled }),
        };

        var view = PlanView.From(started).Tasks.ToDictionary(t => t.Id, t => t.Status);

        Assert.Equal(TaskStatus.Active, view[started.Root.Id]);
        Assert.Equal(TaskStatus.Active, view[design]);
        Assert.Equal(TaskStatus.Active, view[screens]);
        Assert.Equal(TaskStatus.Active, view[sketch]);
        Assert.Equal(TaskStatus.Pending, view[build]);
        Assert.Equal(TaskStatus.Cancelled, view[code]);
        Assert.Equal(view[screens], TaskView.From(started, started.Find(screens)!).Status);
        Assert.Equal(view[build], TaskView.From(started, started.Find(build)!).Status);
    }
}
