import { Outlet } from 'react-router';
import { AppShell } from '@/components/layout/app-shell';
import { SimulatorBanner } from '@/features/system/components/simulator-banner';

export function RootLayout() {
  return (
    <AppShell banner={<SimulatorBanner />}>
      <Outlet />
    </AppShell>
  );
}
