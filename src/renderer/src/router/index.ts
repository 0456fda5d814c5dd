import { createRouter, createWebHashHistory } from 'vue-router'
import type { Router, RouterHistory } from 'vue-router'
import SearchView from '../views/SearchView.vue'

export const routes = [
  { path: '/', name: 'search', component: SearchView, meta: { title: 'Search customers' } },
  {
    path: '/customers/:customerNumber',
    name: 'customer',
    // Split off: the search screen is what paints first.
    component: () => import('../views/CustomerView.vue'),
    meta: { title: 'Customer' },
  },
  {
    path: '/recent',
    name: 'recent',
    component: () => import('../views/RecentView.vue'),
    meta: { title: 'Recent lookups' },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('../views/AuditView.vue'),
    meta: { title: 'Audit log' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('../views/SettingsView.vue'),
    meta: { title: 'Settings' },
  },
  { path: '/:pathMatch(.*)*', redirect: { name: 'search' } },
]

/** Hash history by default: it works from the packaged app's file/app URL without a server. */
export function createAppRouter(history: RouterHistory = createWebHashHistory()): Router {
  return createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}
