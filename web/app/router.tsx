import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageSpinner } from '../ui/PageSpinner';
import { ConsoleLayout } from './ConsoleLayout';

// One chunk per page, so the login screen does not load the ticket views.
const LoginPage = lazy(() => import('../pages/LoginPage').then((module) => ({ default: module.LoginPage })));
const TicketListPage = lazy(() => import('../pages/TicketListPage').then((module) => ({ default: module.TicketListPage })));
const TicketPage = lazy(() => import('../pages/TicketPage').then((module) => ({ default: module.TicketPage })));
const TriageQueuePage = lazy(() => import('../pages/TriageQueuePage').then((module) => ({ default: module.TriageQueuePage })));
const ProblemTypesPage = lazy(() => import('../pages/ProblemTypesPage').then((module) => ({ default: module.ProblemTypesPage })));
const OfficialChannelsPage = lazy(() =>
  import('../pages/OfficialChannelsPage').then((module) => ({ default: module.OfficialChannelsPage })),
);
const SelfServiceFreezePage = lazy(() =>
  import('../pages/SelfServiceFreezePage').then((module) => ({ default: module.SelfServiceFreezePage })),
);
const CheckChannelPage = lazy(() => import('../pages/CheckChannelPage').then((module) => ({ default: module.CheckChannelPage })));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage').then((module) => ({ default: module.NotFoundPage })));

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    // The customer's page from their signed link: public, outside the console shell.
    path: '/self-service/freeze/:token',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <SelfServiceFreezePage />
      </Suspense>
    ),
  },
  {
    // Anyone contacted in the platform's name checks the channel here: public, outside the console shell.
    path: '/check',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <CheckChannelPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <ConsoleLayout />,
    children: [
      { index: true, element: <Navigate to="/tickets" replace /> },
      { path: 'tickets', element: <TicketListPage /> },
      { path: 'tickets/:number', element: <TicketPage /> },
      { path: 'triage', element: <TriageQueuePage /> },
      { path: 'settings/problem-types', element: <ProblemTypesPage /> },
      { path: 'settings/official-channels', element: <OfficialChannelsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
