import { index, type RouteConfig, route } from '@react-router/dev/routes'

export default [
	index('routes/home.tsx'),
	route('login', 'routes/login.tsx'),
	route('logout', 'routes/logout.tsx'),
	route('account', 'routes/account.tsx'),
	route('invite/:token', 'routes/invite.tsx'),
	route('admin', 'routes/admin.tsx'),
	route('calendar/:file', 'routes/calendar-personal.ts'),
	route('t/:slug/calendar.ics', 'routes/calendar-task-force.ts'),
	route('t/:slug', 'routes/task-force-layout.tsx', [
		index('routes/dashboard.tsx'),
		route('timeline', 'routes/timeline.tsx'),
		route('subcommittees', 'routes/subcommittees.tsx'),
		route('subcommittees/:subcommitteeId', 'routes/subcommittee.tsx'),
		route('assignments', 'routes/assignments.tsx'),
		route('assignments/new', 'routes/assignment-new.tsx'),
		route('assignments/:assignmentId', 'routes/assignment.tsx'),
		route('settings/phases', 'routes/settings-phases.tsx'),
		route('sections/:sectionId/versions', 'routes/section-versions.tsx'),
		route('sections/:sectionId/versions/:versionId', 'routes/section-version.tsx'),
		route('documents/:documentId', 'routes/document.tsx'),
		route('sections/:sectionId', 'routes/section.tsx'),
		route('members', 'routes/members.tsx'),
		route('activity', 'routes/activity.tsx'),
	]),
	route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
