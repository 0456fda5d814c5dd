import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router/index.ts'
import { currentLocale, i18n, setLocale } from './i18n.ts'
import './styles/index.css'
import { installTheme } from './lib/theme.ts'

// <html lang> follows the language in use from the first paint.
setLocale(currentLocale(), false)
// The agent's theme (or the OS's) before the first paint, following OS changes while on "system".
installTheme()
createApp(App).use(i18n).use(createPinia()).use(createAppRouter()).mount('#app')
