// Generated from src/ui/i18n.rs by src/poster.rs (CAMPAIGN_SIM_WRITE_I18N=1 cargo test --lib poster);
// do not edit. The words web/campaign-sim.js shows before, or without, any poster.
export const WORDS = {
  "en": {
    "Colon": ": ",
    "FailCheck": "The files must sit next to campaign-sim.js, or set a base path (setBasePath).",
    "FailFrench": "The French texts did not load: {file} ({reason}).",
    "FailGlue": "The simulator's script did not load: {file} ({reason}).",
    "FailLesson": "The lesson did not load: {file} ({reason}).",
    "FailNoWasm": "This browser cannot run WebAssembly, which the simulator needs.",
    "FailPoster": "This widget's poster did not load: {file} ({reason}).",
    "FailWasm": "The simulator did not load: {file} ({reason}).",
    "PosterLoading": "Loading the simulator…",
    "PosterRetry": "Retry",
    "PosterStart": "Start the simulator",
    "Title": "Recurring vs continuous deliveries"
  },
  "fr": {
    "Colon": " : ",
    "FailCheck": "Les fichiers doivent se trouver à côté de campaign-sim.js, ou indiquez leur emplacement (setBasePath).",
    "FailFrench": "Les textes en français ne se sont pas chargés : {file} ({reason}).",
    "FailGlue": "Le script du simulateur ne s'est pas chargé : {file} ({reason}).",
    "FailLesson": "La leçon ne s'est pas chargée : {file} ({reason}).",
    "FailNoWasm": "Ce navigateur n'exécute pas WebAssembly, dont le simulateur a besoin.",
    "FailPoster": "L'affiche de ce widget ne s'est pas chargée : {file} ({reason}).",
    "FailWasm": "Le simulateur ne s'est pas chargé : {file} ({reason}).",
    "PosterLoading": "Chargement du simulateur…",
    "PosterRetry": "Réessayer",
    "PosterStart": "Démarrer le simulateur",
    "Title": "Diffusions récurrentes ou continues"
  }
};
