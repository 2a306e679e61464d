import { NewPlanForm } from '@/features/plans/components/new-plan-form';
import { PlanList } from '@/features/plans/components/plan-list';
import '@/features/plans/components/plans.css';

export function HomeRoute() {
  return (
    <div className="page page--narrow">
      <header className="hero">
        <h1>What shall we build?</h1>
        <p className="muted">
          Describe something big. Orchestrator splits it into a tree of focused tasks — some run by themselves, some wait
          for you — each in its own short conversation.
        </p>
      </header>
      <NewPlanForm />
      <section className="stack" style={{ marginTop: 36 }} aria-labelledby="plans-title">
        <h2 id="plans-title" className="section-label">
          Your plans
        </h2>
        <PlanList />
      </section>
    </div>
  );
}
