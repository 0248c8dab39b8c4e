# ruff: noqa: E501 — the keys are the msgids verbatim, so that they can be found with grep.
"""English translations of the operator interface: Italian msgid → English.

Filled into locale/en/LC_MESSAGES/django.po by scripts/translate_en.py; add
new strings here (the script lists the ones still missing) and run it again.

Conventions (British/International English, as used in social services):
ente → organisation; operatore → operator; équipe → team; sede → site;
luogo → place; microterritorio → micro-territory; Ambito (territoriale) →
district; Ufficio di Piano → Planning Office; presa in carico → case /
taking in charge; case manager → case lead; accesso (intake) → intake;
invio → referral; punto di accesso → access point; segretariato sociale →
social secretariat; centro di ascolto → listening centre; referente privacy →
privacy officer; Responsabile della protezione dei dati → data protection
officer; scheda → entry; bisogno → need; nucleo familiare → household.
Italian «quotes» become “quotes”. A plural entry maps to (singular, plural);
an entry with a context is keyed "context\\x04msgid".
"""

TRANSLATIONS: dict[str, str | tuple[str, str]] = {
    # --- settings ------------------------------------------------------------------------
    "Italiano": "Italian",
    "English": "English",
    # --- accounts: actions -----------------------------------------------------------------
    "Ruoli sconosciuti: %(roles)s.": "Unknown roles: %(roles)s.",
    "Il tuo accesso a Intreccio": "Your Intreccio account",
    "Non puoi gestire gli operatori di questo ente.": "You cannot manage this organisation’s operators.",
    "Assegna almeno un ruolo all'operatore.": "Assign the operator at least one role.",
    "Solo l'amministratore di sistema può assegnare questo ruolo.": "Only the system administrator can assign this role.",
    "Questo indirizzo e-mail appartiene a un account di cittadino: usane un altro.": (
        "This email address belongs to a citizen account: use a different one."
    ),
    "Solo l'amministratore di sistema può assegnare o togliere questo ruolo.": (
        "Only the system administrator can assign or remove this role."
    ),
    "Non puoi togliere a te stesso il ruolo di amministratore: chiedilo a un altro amministratore.": (
        "You cannot remove your own administrator role: ask another administrator to do it."
    ),
    "Non puoi modificare i dati di questo operatore.": "You cannot edit this operator’s details.",
    "Lingua non disponibile.": "Language not available.",
    "Puoi disattivare solo operatori che lavorano soltanto per il tuo ente; altrimenti togli i loro ruoli.": (
        "You can only deactivate operators who work solely for your organisation; otherwise, remove their roles."
    ),
    "Queste persone non lavorano per %(organisation)s: %(names)s.": (
        "These people do not work for %(organisation)s: %(names)s."
    ),
    "Non puoi gestire le équipe di questo ente.": "You cannot manage this organisation’s teams.",
    "L'ente ha già un'équipe chiamata «%(name)s».": "The organisation already has a team called “%(name)s”.",
    "Non puoi modificare questa équipe.": "You cannot edit this team.",
    "Solo gli operatori possono creare token per l'API.": "Only operators can create API tokens.",
    "La durata di un token va da 1 a 365 giorni.": "A token can be valid for 1 to 365 days.",
    "Non hai ruoli attivi in nessun ente.": "You have no active role in any organisation.",
    "Token": "Token",
    "Non puoi revocare questo token.": "You cannot revoke this token.",
    "Esiste già un amministratore di sistema: chiedigli di aggiungerti.": (
        "A system administrator already exists: ask them to add you."
    ),
    "La password la sceglie l'operatore, dal link ricevuto per e-mail.": (
        "Operators choose their own password, using the link they receive by email."
    ),
    "Solo il titolare dell'account può configurare il secondo fattore.": (
        "Only the account holder can set up the second factor."
    ),
    "Il codice non è corretto: controlla che l'ora del telefono sia esatta e inserisci il codice di 6 cifre che l'app mostra ora.": (
        "The code is not correct: check that the time on your phone is right and enter the 6-digit code "
        "the app is showing now."
    ),
    "Attiva prima l'app di autenticazione, poi genera i codici di recupero.": (
        "Set up the authenticator app first, then generate the recovery codes."
    ),
    "Password o codice non corretti: riprova.": "Incorrect password or code: please try again.",
    "Non puoi chiudere questa sessione.": "You cannot end this session.",
    "Gli autenticatori dimostrativi esistono solo nella demo.": "Demonstration authenticators exist only in the demo.",
    # --- accounts: apps, forms, models -------------------------------------------------------
    "Operatori e accessi": "Operators and sign-in",
    "Operatori": "Operators",
    "E-mail di lavoro": "Work email",
    "Nome": "Name",
    "Cognome": "Surname",
    "Telefono": "Phone",
    "Ruoli nell'ente": "Roles in the organisation",
    "Senza ruoli l'operatore non lavora più per questo ente.": (
        "Without any role, the operator no longer works for this organisation."
    ),
    "Lingua preferita": "Preferred language",
    "Nome dell'équipe": "Team name",
    "Descrizione": "Description",
    "E-mail dell'équipe": "Team email",
    "Coordinatore": "Coordinator",
    "Componenti": "Members",
    "Microterritori seguiti": "Micro-territories covered",
    "Nome del token": "Token name",
    "Per esempio il sistema che lo userà.": "For example, the system that will use it.",
    "Validità in giorni": "Valid for (days)",
    "Codice": "Code",
    "Le 6 cifre dell'app di autenticazione, oppure uno dei codici di recupero.": (
        "The 6 digits from the authenticator app, or one of your recovery codes."
    ),
    "Codice mostrato dall'app": "Code shown in the app",
    "Password": "Password",
    "Operatore": "Operator",
    "Cittadino": "Citizen",
    "e-mail": "email",
    "nome": "name",
    "cognome": "surname",
    "telefono": "phone",
    "tipo di account": "account type",
    "lingua preferita": "preferred language",
    "attivo": "active",
    "accesso all'amministrazione tecnica": "access to technical administration",
    "utente": "user",
    "utenti": "users",
    "ente": "organisation",
    "ruolo": "role",
    "ruolo nell'ente": "role in the organisation",
    "ruoli negli enti": "roles in organisations",
    "descrizione": "description",
    "e-mail dell'équipe": "team email",
    "coordinatore": "coordinator",
    "componenti": "members",
    "microterritori": "micro-territories",
    "attiva": "active",
    "équipe": "team",
    "scadenza": "deadline",
    "token API": "API token",
    "Uscita": "Signed out",
    "Chiusa dall'utente": "Ended by the user",
    "Chiusa da un amministratore": "Ended by an administrator",
    "Account disattivato": "Account deactivated",
    "Nessun ruolo attivo": "No active role",
    "Credenziali cambiate": "Credentials changed",
    "Scaduta": "Expired",
    "secondo fattore verificato": "second factor verified",
    "sessione": "session",
    "sessioni": "sessions",
    "Questa password compare negli elenchi di password violate o molto usate: scegline un'altra, per esempio una frase di quattro o cinque parole.": (
        "This password appears in lists of breached or very common passwords: choose another one, "
        "for example a phrase of four or five words."
    ),
    "La password non deve comparire negli elenchi di password violate.": (
        "The password must not appear in lists of breached passwords."
    ),
    # --- accounts: templates ---------------------------------------------------------------------
    "Token per l'API": "API tokens",
    "Copia ora il token: per sicurezza non sarà più mostrato.": (
        "Copy the token now: for security reasons it will not be shown again."
    ),
    "Copia": "Copy",
    "Usalo nell'intestazione": "Use it in the header",
    "Crea un token": "Create a token",
    "Torna al profilo": "Back to your profile",
    "Ciao %(name)s,": "Hello %(name)s,",
    "ti è stato creato un accesso a Intreccio come operatore di %(organisation)s.": (
        "an Intreccio account has been created for you as an operator of %(organisation)s."
    ),
    "Scegli la tua password da questo link (vale 24 ore):": "Choose your password using this link (valid for 24 hours):",
    "Se il link è scaduto, usa «Password dimenticata?» nella pagina di accesso.": (
        "If the link has expired, use “Forgotten your password?” on the sign-in page."
    ),
    "Home": "Home",
    "Buongiorno, %(name)s": "Hello, %(name)s",
    "Ciò che richiede la tua attenzione oggi.": "What needs your attention today.",
    "Non hai ruoli attivi in nessun ente: chiedi all'amministratore del tuo ente di assegnarteli.": (
        "You have no active role in any organisation: ask your organisation’s administrator to assign you one."
    ),
    "E-mail": "Email",
    "Stato": "Status",
    "Attivo": "Active",
    "Disattivato": "Deactivated",
    "Ruoli": "Roles",
    "Modifica dati e ruoli": "Edit details and roles",
    "Disattivare l’account? L’operatore non potrà più accedere.": (
        "Deactivate the account? The operator will no longer be able to sign in."
    ),
    "Disattiva l'account": "Deactivate the account",
    "Riattiva l'account": "Reactivate the account",
    "Modifica operatore": "Edit operator",
    "Aggiungi un operatore": "Add an operator",
    "Il nuovo operatore riceverà un'e-mail per scegliere la password. Se ha già un account (lavora per un altro ente), riceverà i ruoli anche in questo ente.": (
        "The new operator will receive an email to choose a password. If they already have an account "
        "(they work for another organisation), they will also receive the roles in this organisation."
    ),
    "Équipe": "Teams",
    "Sessioni aperte": "Open sessions",
    "Operatori dell'ente e loro ruoli": "The organisation’s operators and their roles",
    "Nessun operatore: aggiungi il primo.": "No operators yet: add the first one.",
    "Stai operando per": "You are working for",
    "I tuoi ruoli": "Your roles",
    "Il tuo profilo": "Your profile",
    "Gestione di %(organisation)s": "Managing %(organisation)s",
    "operatore attivo": ("active operator", "active operators"),
    "%(counter)s équipe": ("%(counter)s team", "%(counter)s teams"),
    "Operatori e ruoli": "Operators and roles",
    "Dati e sedi dell'ente": "Organisation details and sites",
    "Amministrazione della rete": "Network administration",
    "ente attivo": ("active organisation", "active organisations"),
    "Enti della rete": "Network organisations",
    "Registra un nuovo ente": "Register a new organisation",
    "Territorio e microterritori": "Territory and micro-territories",
    "Dati personali": "Personal details",
    "Salva": "Save",
    "Sicurezza e sessioni": "Security and sessions",
    "Un token permette a un altro sistema di usare l'API di Intreccio con i tuoi permessi, per l'ente per cui stai operando.": (
        "A token lets another system use the Intreccio API with your permissions, for the organisation "
        "you are working for."
    ),
    "I tuoi token": "Your tokens",
    "Scadenza": "Expires",
    "Azioni": "Actions",
    "Revocato": "Revoked",
    "Valido": "Valid",
    "Scaduto": "Expired",
    "Revoca": "Revoke",
    "Conferma la tua identità": "Confirm your identity",
    "Per cambiare password, app di autenticazione, codici di recupero o token per l'API inserisci di nuovo la password e un codice.": (
        "To change your password, authenticator app, recovery codes or API tokens, enter your password "
        "and a code again."
    ),
    "Conferma": "Confirm",
    "Annulla": "Cancel",
    "Codici di recupero": "Recovery codes",
    "La verifica in due passaggi è attiva.": "Two-step verification is on.",
    "Conserva questi codici in un luogo sicuro (non sul telefono): ognuno vale una sola volta, se perdi il telefono. Non li mostreremo più.": (
        "Keep these codes somewhere safe (not on your phone): each one can be used once, if you lose your "
        "phone. We will not show them again."
    ),
    "Li ho salvati, continua": "I have saved them, continue",
    "Sicurezza dell'account": "Account security",
    "Verifica in due passaggi": "Two-step verification",
    "Attiva con un'app di autenticazione dal %(date)s.": "On, with an authenticator app, since %(date)s.",
    "Non attiva.": "Off.",
    "Ti resta %(counter)s codice di recupero.": (
        "You have %(counter)s recovery code left.",
        "You have %(counter)s recovery codes left.",
    ),
    "Cambia app di autenticazione": "Change authenticator app",
    "Nuovi codici di recupero": "New recovery codes",
    "Cambia la password": "Change your password",
    "Dove hai effettuato l'accesso": "Where you are signed in",
    "Inizio": "Started",
    "Indirizzo": "Address",
    "Browser": "Browser",
    "questa sessione": "this session",
    "Chiudi": "End",
    "Sessioni degli operatori": "Operators’ sessions",
    "chi è collegato ora; chiudi una sessione per disconnetterla subito.": (
        "who is signed in now; end a session to sign it out at once."
    ),
    "Sessioni aperte degli operatori dell'ente": "Open sessions of the organisation’s operators",
    "Secondo fattore": "Second factor",
    "verificato": "verified",
    "in attesa": "pending",
    "Nessun operatore è collegato ora.": "No operator is signed in now.",
    "Nuova équipe": "New team",
    "Équipe dell'ente": "The organisation’s teams",
    "Microterritori": "Micro-territories",
    "non attiva": "inactive",
    "Modifica": "Edit",
    "Nessuna équipe.": "No teams.",
    "Attiva la verifica in due passaggi": "Turn on two-step verification",
    "Intreccio custodisce dati molto delicati: oltre alla password serve un codice generato dal tuo telefono. Configuralo ora, una volta sola.": (
        "Intreccio holds very sensitive data: besides your password, you need a code generated by your "
        "phone. Set it up now; you only need to do it once."
    ),
    "Collega una nuova app di autenticazione: quella precedente smetterà di funzionare.": (
        "Link a new authenticator app: the previous one will stop working."
    ),
    "Installa sul telefono un'app di autenticazione (per esempio FreeOTP, Aegis, Google Authenticator o Microsoft Authenticator).": (
        "Install an authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator or "
        "Microsoft Authenticator)."
    ),
    "Nell'app scegli di aggiungere un account e inquadra il codice QR.": (
        "In the app, choose to add an account and scan the QR code."
    ),
    "Inserisci qui sotto il codice di 6 cifre che l'app mostra.": "Enter the 6-digit code the app shows below.",
    "Codice QR da inquadrare con l app di autenticazione": "QR code to scan with the authenticator app",
    "Non riesci a inquadrarlo? Inserisci a mano questa chiave:": "Cannot scan it? Enter this key by hand:",
    "Attiva": "Active",
    "pulsante\x04Attiva": "Turn on",
    "Apri l'app di autenticazione sul telefono e inserisci il codice di 6 cifre che mostra per Intreccio. Se non hai il telefono, usa uno dei codici di recupero.": (
        "Open the authenticator app on your phone and enter the 6-digit code it shows for Intreccio. "
        "If you do not have your phone, use one of your recovery codes."
    ),
    "Verifica": "Verify",
    "Annulla e esci": "Cancel and sign out",
    "Accedi": "Sign in",
    "Accedi a Intreccio": "Sign in to Intreccio",
    "Accesso riservato agli operatori degli enti della rete. Dopo la password ti chiederemo il codice dell'app di autenticazione.": (
        "Access is restricted to operators of the network’s organisations. After your password we will ask "
        "for the code from your authenticator app."
    ),
    "Troppi tentativi non riusciti per questo account: riprova fra %(minutes)s minuti, oppure reimposta la password.": (
        "Too many failed attempts for this account: try again in %(minutes)s minutes, or reset your password."
    ),
    "Password dimenticata?": "Forgotten your password?",
    "Password cambiata": "Password changed",
    "Salva la password": "Save the password",
    "Password salvata": "Password saved",
    "Ora puoi accedere con la nuova password.": "You can now sign in with your new password.",
    "Scegli una nuova password": "Choose a new password",
    "Usa almeno 12 caratteri: una frase lunga e facile da ricordare va benissimo.": (
        "Use at least 12 characters: a long phrase that is easy to remember is ideal."
    ),
    "Il link non è valido o è già stato usato: chiedine uno nuovo.": (
        "The link is not valid or has already been used: request a new one."
    ),
    "Recupero della password": "Password recovery",
    "Controlla la posta": "Check your email",
    "Se l'indirizzo corrisponde a un account, ti abbiamo inviato le istruzioni per scegliere una nuova password. Il link vale 24 ore.": (
        "If the address matches an account, we have sent you instructions for choosing a new password. "
        "The link is valid for 24 hours."
    ),
    "Torna all'accesso": "Back to sign-in",
    "Hai chiesto di scegliere una nuova password per Intreccio.": "You asked to choose a new password for Intreccio.",
    "Apri questo link entro 24 ore:": "Open this link within 24 hours:",
    "Se non l'hai chiesto tu, ignora questo messaggio: la password resta quella di prima.": (
        "If you did not ask for this, ignore this message: your password stays the same."
    ),
    "Scrivi l'indirizzo e-mail del tuo account: riceverai un link per sceglierne una nuova.": (
        "Enter your account’s email address: you will receive a link to choose a new one."
    ),
    "Invia il link": "Send the link",
    "Recupero della password di Intreccio": "Intreccio password recovery",
    # --- accounts: views ---------------------------------------------------------------------
    "Per continuare conferma la tua identità.": "To continue, confirm your identity.",
    "Troppi codici errati: accedi di nuovo con la password.": "Too many wrong codes: sign in again with your password.",
    "Codice non valido o già usato: inserisci il codice che l'app mostra ora.": (
        "Invalid or already used code: enter the code the app is showing now."
    ),
    "Sessione chiusa.": "Session ended.",
    "%(name)s ora lavora per %(organisation)s.": "%(name)s now works for %(organisation)s.",
    "Dati dell'operatore aggiornati.": "Operator details updated.",
    "Account riattivato.": "Account reactivated.",
    "Account disattivato: l'operatore non può più accedere.": "Account deactivated: the operator can no longer sign in.",
    "Le équipe sono consultabili dagli operatori con un ruolo in un ente.": (
        "Teams are available to operators with a role in an organisation."
    ),
    "Équipe creata.": "Team created.",
    "Équipe aggiornata.": "Team updated.",
    "Profilo aggiornato.": "Profile updated.",
    "Token revocato.": "Token revoked.",
    # --- api -----------------------------------------------------------------------------------
    "I dati inviati non sono validi.": "The data sent is not valid.",
    "Serve un token valido o una sessione attiva.": "A valid token or an active session is required.",
    "Alcuni valori non sono accettabili (caratteri non ammessi o testo troppo lungo).": (
        "Some values are not acceptable (characters not allowed or text too long)."
    ),
    "Non trovato.": "Not found.",
    "Non permesso.": "Not allowed.",
    # --- audit ---------------------------------------------------------------------------------
    "Non puoi chiudere questa allerta.": "You cannot close this alert.",
    "Scrivi l'esito dell'esame (per esempio: accessi giustificati dal servizio).": (
        "Write the outcome of the review (for example: access justified by the service)."
    ),
    "L'allerta è già stata chiusa.": "The alert has already been closed.",
    "Registro degli accessi e degli eventi": "Access and event log",
    "Allerte privacy": "Privacy alerts",
    "Esito dell'esame": "Outcome of the review",
    "Consultazione": "View",
    "Ricerca": "Search",
    "Creazione": "Create",
    "Cancellazione": "Delete",
    "Esportazione": "Export",
    "Stampa": "Print",
    "Condivisione": "Share",
    "Accesso al sistema": "Sign-in",
    "Accesso non riuscito": "Failed sign-in",
    "Uscita dal sistema": "Sign-out",
    "Accesso in emergenza": "Emergency access",
    "Consentito": "Allowed",
    "Negato": "Denied",
    "voce del registro degli accessi": "access log entry",
    "registro degli accessi": "access log",
    "evento": "event",
    "eventi": "events",
    "sigillo del registro": "log seal",
    "sigilli del registro": "log seals",
    "punto di controllo della catena": "chain checkpoint",
    "punti di controllo della catena": "chain checkpoints",
    "Molte persone consultate in poco tempo": "Many people’s records viewed in a short time",
    "Accessi negati ripetuti": "Repeated denied access",
    "Consultazioni fuori orario": "Records viewed out of hours",
    "Tentativi di accesso non riusciti ripetuti": "Repeated failed sign-in attempts",
    "Da esaminare": "To review",
    "Esaminata": "Reviewed",
    "tipo": "type",
    "quante volte": "how many times",
    "esito dell'esame": "outcome of the review",
    "allerta": "alert",
    "allerte": "alerts",
    "Periodo": "Period",
    "Quante volte": "How many times",
    "Esito": "Outcome",
    "Chiudi l'allerta": "Close the alert",
    "Accessi insoliti rilevati nel registro: esaminali e annota l'esito.": (
        "Unusual access found in the log: review it and record the outcome."
    ),
    "Esaminate": "Reviewed",
    "Allerte": "Alerts",
    "Allerta": "Alert",
    "Quante": "Count",
    "Nessuna allerta.": "No alerts.",
    "Le allerte sono riservate al referente privacy dell'ente.": (
        "Alerts are reserved for the organisation’s privacy officer."
    ),
    "Allerta chiusa.": "Alert closed.",
    # --- cases -----------------------------------------------------------------------------------
    "Prese in carico": "Cases",
    "Da valutare": "To be assessed",
    "Sospesa": "Suspended",
    "Chiusa": "Closed",
    "Obiettivi raggiunti": "Goals achieved",
    "Trasferita ad altro ambito": "Transferred to another district",
    "La persona ha rinunciato": "The person withdrew",
    "Contatto perso": "Lost contact",
    "Trasferimento della persona": "The person moved away",
    "Decesso": "Death",
    "Non di competenza": "Outside our remit",
    "case manager": "case lead",
    "ente del case manager": "case lead’s organisation",
    "stato": "status",
    "esito": "outcome",
    "nota di chiusura": "closing note",
    "aperta il": "opened on",
    "chiusa il": "closed on",
    "presa in carico": "case",
    "prese in carico": "cases",
    "ruolo nell'équipe": "role in the team",
    "componente dell'équipe del caso": "case team member",
    "équipe del caso": "case team",
    "Proposto": "Proposed",
    "Accettato": "Accepted",
    "Rifiutato": "Declined",
    "Annullato": "Cancelled",
    "nota per il nuovo case manager": "note for the new case lead",
    "passaggio di consegne": "handover",
    "passaggi di consegne": "handovers",
    # --- core ------------------------------------------------------------------------------------
    "Nucleo": "Core",
    "La sessione è scaduta: accedi di nuovo.": "Your session has expired: sign in again.",
    "Operatore di sportello": "Access point operator",
    "Case manager (assistente sociale)": "Case lead (social worker)",
    "Operatore di servizio": "Service operator",
    "Coordinatore di servizio": "Service coordinator",
    "Amministratore dell'ente": "Organisation administrator",
    "Operatore dell'agenzia per l'abitare": "Housing agency operator",
    "Operatore per l'inserimento lavorativo": "Employment support operator",
    "Membro del comitato del fondo": "Fund committee member",
    "Analista dell'Ufficio di Piano": "Planning Office analyst",
    "Referente privacy dell'ente": "Organisation’s privacy officer",
    "Sentinella (portiere sociale, vicino di casa)": "Sentinel (social concierge, neighbour)",
    "Amministratore di sistema": "System administrator",
    "Salute": "Health",
    "Salute mentale": "Mental health",
    "Dipendenze": "Addiction",
    "HIV": "HIV",
    "Violenza sessuale o di genere": "Sexual or gender-based violence",
    "Condizione giuridica (permesso di soggiorno)": "Legal status (residence permit)",
    "Tutela dei minori": "Child protection",
    "Giustizia penale": "Criminal justice",
    "Dichiarazione di accessibilità": "Accessibility statement",
    "L'Ambito territoriale si impegna a rendere Intreccio accessibile, conformemente alla legge 9 gennaio 2004, n. 4, e alle Linee guida AgID sull'accessibilità degli strumenti informatici (requisiti della norma EN 301 549, in pratica WCAG 2.1 livello AA).": (
        "The district (Ambito territoriale) is committed to making Intreccio accessible, in accordance with "
        "Italian Law no. 4 of 9 January 2004 and the AgID Guidelines on the accessibility of IT tools "
        "(the requirements of standard EN 301 549, in practice WCAG 2.1 level AA)."
    ),
    "Stato di conformità": "Compliance status",
    "Intreccio è <strong>parzialmente conforme</strong>: ogni pagina è verificata in modo automatico, a ogni modifica del codice, con lo strumento axe-core in un browser reale, e non presenta violazioni gravi o critiche dei criteri WCAG 2.1 A e AA. I controlli automatici coprono circa un terzo dei criteri: le verifiche manuali con tastiera e lettore di schermo sono in corso.": (
        "Intreccio is <strong>partially compliant</strong>: every page is checked automatically, at every "
        "change to the code, with the axe-core tool in a real browser, and shows no serious or critical "
        "violations of the WCAG 2.1 A and AA criteria. Automated checks cover about a third of the "
        "criteria: manual checks with a keyboard and a screen reader are under way."
    ),
    "Contenuti non accessibili": "Content that is not accessible",
    "Le mappe dei microterritori sono immagini interattive: le stesse informazioni sono sempre disponibili anche in forma di tabella.": (
        "The maps of the micro-territories are interactive images: the same information is always "
        "available as a table too."
    ),
    "La documentazione interattiva dell'API, destinata ai sistemi informativi, è prodotta da uno strumento esterno.": (
        "The interactive API documentation, intended for information systems, is produced by an external tool."
    ),
    "Redazione della dichiarazione": "Preparation of this statement",
    "La dichiarazione è stata redatta con un'autovalutazione effettuata dal gruppo di sviluppo, con test automatici (axe-core su Chromium) eseguiti a ogni rilascio.": (
        "This statement was prepared through a self-assessment by the development team, with automated "
        "tests (axe-core on Chromium) run at every release."
    ),
    "Meccanismo di feedback": "Feedback mechanism",
    'Per segnalare un problema di accessibilità o chiedere un contenuto in forma accessibile scrivi a <a href="mailto:%(contact)s">%(contact)s</a>. Risponderemo entro 30 giorni.': (
        "To report an accessibility problem or request content in an accessible format, write to "
        '<a href="mailto:%(contact)s">%(contact)s</a>. We will reply within 30 days.'
    ),
    "Procedura di attuazione": "Enforcement procedure",
    "In caso di risposta insoddisfacente o di mancata risposta entro 30 giorni puoi inoltrare una segnalazione al Difensore civico per il digitale istituito presso AgID.": (
        "If the reply is unsatisfactory, or if there is no reply within 30 days, you can report the matter "
        "to the Digital Ombudsman (Difensore civico per il digitale) at AgID."
    ),
    "Informativa privacy": "Privacy notice",
    "Informativa sul trattamento dei dati personali": "Notice on the processing of personal data",
    "Ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR)": (
        "Under Articles 13 and 14 of Regulation (EU) 2016/679 (GDPR)"
    ),
    "Titolare del trattamento": "Data controller",
    'Responsabile della protezione dei dati: <a href="mailto:%(dpo_email)s">%(dpo_email)s</a>.': (
        'Data protection officer: <a href="mailto:%(dpo_email)s">%(dpo_email)s</a>.'
    ),
    "Perché trattiamo i dati": "Why we process the data",
    "Intreccio permette agli enti della rete territoriale di accogliere le richieste di aiuto da qualunque punto di accesso, prendere in carico le persone con un unico referente, coordinare risposte complementari e programmare i servizi. I dati servono a questi scopi e a nessun altro.": (
        "Intreccio enables the organisations of the local network to take in requests for help from any "
        "access point, take people in charge with a single case lead, coordinate complementary responses "
        "and plan services. The data is used for these purposes and no others."
    ),
    "Base giuridica": "Legal basis",
    "Per gli enti pubblici la base giuridica è l'esecuzione di compiti di interesse pubblico previsti dalla legge (art. 6, par. 1, lett. e, e art. 9, par. 2, lett. g e h, GDPR; art. 2-sexies del Codice privacy). Le scelte di condivisione espresse dalla persona decidono chi, nella rete, può vedere i suoi dati.": (
        "For public bodies, the legal basis is the performance of tasks carried out in the public interest "
        "laid down by law (Art. 6(1)(e) and Art. 9(2)(g) and (h) GDPR; Art. 2-sexies of the Italian Privacy "
        "Code). The sharing choices expressed by the person decide who in the network can see their data."
    ),
    "Chi vede i dati": "Who sees the data",
    "Solo gli operatori che hanno una relazione con la persona (presa in carico, invio, risposta) e nei limiti delle sue scelte di condivisione. Ogni consultazione e ogni modifica sono registrate; la persona può sapere chi ha consultato i suoi dati e quando. I dati su dipendenze, HIV e violenza sessuale sono visibili solo all'ente che li ha raccolti, salvo consenso esplicito.": (
        "Only operators who have a relationship with the person (taking in charge, referral, response), "
        "and within the limits of the person’s sharing choices. Every view and every change is logged; the "
        "person can find out who viewed their data and when. Data on addiction, HIV and sexual violence is "
        "visible only to the organisation that collected it, unless the person gives explicit consent."
    ),
    "Per quanto tempo": "For how long",
    "Per il tempo necessario alla presa in carico e poi per i periodi previsti dalla normativa per ciascuna categoria di dati; i registri degli accessi sono conservati almeno 24 mesi. Dopo, i dati sono cancellati o resi anonimi; restano solo statistiche aggregate.": (
        "For as long as the taking in charge requires, and then for the periods set by law for each category "
        "of data; access logs are kept for at least 24 months. After that, the data is deleted or "
        "anonymised; only aggregate statistics remain."
    ),
    "I tuoi diritti": "Your rights",
    "Puoi chiedere l'accesso ai tuoi dati e una copia, la rettifica, la limitazione, l'oscuramento di singole informazioni verso specifici enti e, dove la legge lo consente, la cancellazione; puoi modificare o revocare in ogni momento le scelte di condivisione. Puoi proporre reclamo al Garante per la protezione dei dati personali (www.garanteprivacy.it).": (
        "You can ask for access to your data and a copy of it, for rectification, for restriction, for "
        "individual pieces of information to be hidden from specific organisations and, where the law "
        "allows, for erasure; you can change or withdraw your sharing choices at any time. You can lodge a "
        "complaint with the Italian Data Protection Authority (Garante per la protezione dei dati personali, "
        "www.garanteprivacy.it)."
    ),
    "Cookie": "Cookies",
    "Intreccio usa solo cookie tecnici (sessione, protezione dei moduli, lingua scelta). Nessun cookie di profilazione e nessun contenuto di terze parti.": (
        "Intreccio uses only technical cookies (session, form protection, chosen language). No profiling "
        "cookies and no third-party content."
    ),
    "Non si può passare da «%(source)s» a «%(target)s». Passaggi possibili: %(allowed)s.": (
        "Cannot move from “%(source)s” to “%(target)s”. Possible moves: %(allowed)s."
    ),
    "nessuno": "none",
    # --- directory: actions ------------------------------------------------------------------------
    "L'età minima (%(min)s) è maggiore di quella massima (%(max)s): correggi una delle due.": (
        "The minimum age (%(min)s) is higher than the maximum age (%(max)s): correct one of them."
    ),
    "Stato del servizio sconosciuto: %(status)s. Usa uno di: %(allowed)s.": (
        "Unknown service status: %(status)s. Use one of: %(allowed)s."
    ),
    "Codici di lingua non validi: %(codes)s. Usa i codici ISO 639 di due lettere (it, ar, uk…).": (
        "Invalid language codes: %(codes)s. Use two-letter ISO 639 codes (it, ar, uk…)."
    ),
    "Solo l'amministratore di sistema può importare dati HSDS.": "Only the system administrator can import HSDS data.",
    "Carica prima il territorio (load_territory): gli enti importati devono appartenere a un ambito.": (
        "Load the territory first (load_territory): imported organisations must belong to a district."
    ),
    "Il file HSDS contiene %(count)s errori e non è stato importato nulla. Il primo: %(first)s": (
        "The HSDS file contains %(count)s errors and nothing has been imported. The first one: %(first)s"
    ),
    "Il comune %(municipality)s non fa parte del microterritorio %(micro)s: scegli il microterritorio giusto.": (
        "The municipality of %(municipality)s is not part of the micro-territory %(micro)s: choose the right "
        "micro-territory."
    ),
    "Coordinata %(field)s fuori scala (%(value)s): deve stare tra %(low)s e %(high)s.": (
        "%(field)s coordinate out of range (%(value)s): it must be between %(low)s and %(high)s."
    ),
    "Non puoi gestire i luoghi di questo ente.": "You cannot manage this organisation’s places.",
    "Solo gli amministratori dell'ente possono confermare i dati del luogo.": (
        "Only the organisation’s administrators can confirm the place’s details."
    ),
    "Non puoi gestire i servizi di questo ente.": "You cannot manage this organisation’s services.",
    "La sede «%(location)s» appartiene a un altro ente: scegli una sede del tuo ente o un luogo della comunità.": (
        "The site “%(location)s” belongs to another organisation: choose one of your organisation’s sites "
        "or a community place."
    ),
    "Non puoi gestire le attività di questo luogo.": "You cannot manage this place’s activities.",
    "Solo l'amministratore di sistema può modificare i bisogni.": "Only the system administrator can edit the needs.",
    "Il file dei bisogni non è leggibile o è incompleto (%(error)s): correggilo e riprova.": (
        "The needs file cannot be read or is incomplete (%(error)s): correct it and try again."
    ),
    "Il file dei bisogni contiene errori: %(problems)s": "The needs file contains errors: %(problems)s",
    "Esiste già un bisogno con il codice «%(code)s»: scegli un altro codice.": (
        "A need with the code “%(code)s” already exists: choose another code."
    ),
    "Puoi modificare direttamente questa scheda: non serve una proposta.": (
        "You can edit this entry directly: no proposal is needed."
    ),
    "Solo gli operatori della rete possono proporre modifiche.": "Only network operators can propose changes.",
    "La proposta non cambia nulla: modifica almeno un campo.": "The proposal changes nothing: edit at least one field.",
    "Si possono proporre solo modifiche ai testi e ai dati semplici.": (
        "Changes can only be proposed to text and simple data."
    ),
    "Solo gli amministratori dell'ente possono valutare le proposte sulle sue schede.": (
        "Only the organisation’s administrators can review proposals on its entries."
    ),
    "%(proposer)s, accettata da %(reviewer)s": "%(proposer)s, accepted by %(reviewer)s",
    "Scrivi il motivo: chi ha proposto la modifica lo leggerà.": (
        "Give the reason: the person who proposed the change will read it."
    ),
    "Queste schede della mappa dei servizi non sono state verificate negli ultimi %(months)s mesi:\n\n%(names)s\n\nAprile da «Servizi e luoghi → Da verificare» e conferma i dati o correggili.": (
        "These service map entries have not been verified in the last %(months)s months:\n\n%(names)s\n\n"
        "Open them from “Services and places → To verify” and confirm or correct their details."
    ),
    "Intreccio: %(count)s schede da verificare": "Intreccio: %(count)s entries to verify",
    "Frequenza sconosciuta: %(freq)s.": "Unknown frequency: %(freq)s.",
    "Giorni non validi: %(days)s. Usa MO, TU, WE, TH, FR, SA, SU (con 1MO, -1FR per i mensili).": (
        "Invalid days: %(days)s. Use MO, TU, WE, TH, FR, SA, SU (with 1MO, -1FR for monthly ones)."
    ),
    "Indica in quali giorni della settimana è aperto.": "State which days of the week it is open.",
    "Indica quali giorni del mese (per esempio «1MO» per il primo lunedì).": (
        "State which days of the month (for example “1MO” for the first Monday)."
    ),
    "Un orario senza ripetizione ha bisogno della data in cui si svolge.": (
        "A one-off time slot needs the date on which it takes place."
    ),
    "L'orario di apertura (%(opens)s) deve precedere quello di chiusura (%(closes)s).": (
        "The opening time (%(opens)s) must be earlier than the closing time (%(closes)s)."
    ),
    "La data di inizio validità è successiva a quella di fine.": "The start date is later than the end date.",
    "Non puoi gestire gli orari di questo ente.": "You cannot manage this organisation’s opening hours.",
    "La chiusura finisce prima di cominciare: controlla le date.": "The closure ends before it starts: check the dates.",
    "Non puoi tradurre le schede di questo ente.": "You cannot translate this organisation’s entries.",
    "Lingua non prevista dal portale: %(language)s.": "Language not offered by the portal: %(language)s.",
    "L'ente ha già un servizio chiamato «%(name)s».": "The organisation already has a service called “%(name)s”.",
    "Solo gli amministratori dell'ente possono confermare i dati del servizio.": (
        "Only the organisation’s administrators can confirm the service’s details."
    ),
    "Non puoi aggiornare la disponibilità dei servizi di questo ente.": (
        "You cannot update the availability of this organisation’s services."
    ),
    "Disponibilità sconosciuta: %(status)s.": "Unknown availability: %(status)s.",
    "Indica l'unità dei posti (per esempio «posti letto» o «colloqui a settimana»).": (
        "State the unit of the places (for example “beds” or “appointments per week”)."
    ),
    "I posti non possono essere negativi.": "Places cannot be negative.",
    "I posti disponibili (%(available)s) superano il massimo (%(maximum)s): correggi uno dei due.": (
        "The available places (%(available)s) exceed the maximum (%(maximum)s): correct one of them."
    ),
    "Indica la disponibilità o il numero di posti liberi.": "State the availability or the number of free places.",
    # --- directory: apps, forms --------------------------------------------------------------------
    "Bisogni, servizi e luoghi": "Needs, services and places",
    "Servizi e luoghi": "Services and places",
    "Bisogni": "Needs",
    "Cosa cerchi": "What are you looking for",
    "Di cosa hai bisogno": "What do you need",
    "Vicino a": "Near",
    "Un comune, un quartiere o un CAP (per esempio «Germanedo» o «23900»).": (
        "A municipality, a neighbourhood or a postcode (for example “Germanedo” or “23900”)."
    ),
    "Comune": "Municipality",
    "Aperto adesso": "Open now",
    "Oppure aperto il": "Or open on",
    "Si parla": "Language spoken",
    "Età": "Age",
    "Gratuito": "Free of charge",
    "Accessibile senza gradini": "Step-free access",
    "Tutti": "All",
    "Qualsiasi lingua": "Any language",
    "Con posti disponibili": "With places available",
    "Solo i servizi del mio ente": "Only my organisation’s services",
    "Nome alternativo": "Alternative name",
    "Bisogni a cui risponde": "Needs it meets",
    "A chi si rivolge": "Who it is for",
    "Età minima": "Minimum age",
    "Età massima": "Maximum age",
    "Come si accede": "How to access it",
    "Costi": "Costs",
    "Tempi di attesa": "Waiting time",
    "Lingue parlate": "Languages spoken",
    "Interpretariato": "Interpreting",
    "Microterritori serviti": "Micro-territories served",
    "Pagina web": "Web page",
    "Avviso temporaneo": "Temporary notice",
    "Nota per chi valuta": "Note for the reviewer",
    "Disponibilità": "Availability",
    "Unità": "Unit",
    "Per esempio «posti letto».": "For example “beds”.",
    "Posti liberi": "Free places",
    "Posti in tutto": "Total places",
    "Nota": "Note",
    "Si ripete": "Repeats",
    "Ogni settimana": "Every week",
    "Ogni mese": "Every month",
    "Una volta sola": "Once only",
    "Giorni": "Days",
    "Nel mese": "In the month",
    "il primo": "the first",
    "il secondo": "the second",
    "il terzo": "the third",
    "il quarto": "the fourth",
    "l'ultimo": "the last",
    "Solo per gli orari mensili: per esempio il primo mercoledì.": (
        "Monthly times only: for example the first Wednesday."
    ),
    "Data (orari una volta sola)": "Date (one-off times)",
    "Apre alle": "Opens at",
    "Chiude alle": "Closes at",
    "Valido dal": "Valid from",
    "Valido fino al": "Valid until",
    "Chiuso nei giorni festivi": "Closed on public holidays",
    "Note": "Notes",
    "Chiuso dal": "Closed from",
    "al": "to",
    "Motivo": "Reason",
    "Come arrivare": "How to get there",
    "Tipo di luogo": "Type of place",
    "Sede dell'ente": "Organisation site",
    "Microterritorio": "Micro-territory",
    "Latitudine": "Latitude",
    "Longitudine": "Longitude",
    "Precisione della posizione": "Position accuracy",
    "Accessibilità": "Accessibility",
    "Per chi": "Who it is for",
    "Gratuita": "Free of charge",
    "Lingue (codici separati da virgola)": "Languages (comma-separated codes)",
    "Stabile: usato da regole e indicatori.": "Stable: used by rules and indicators.",
    "Nome in inglese": "Name in English",
    "Categoria sensibile": "Sensitive category",
    "Posizione": "Position",
    "In uso": "In use",
    "Nessuna": "None",
    "Nome in %(language)s": "Name in %(language)s",
    "Accetta": "Accept",
    "Respingi": "Reject",
    "Motivazione": "Reason",
    "stima, ± %(km)s km": "estimate, ± %(km)s km",
    # --- directory: languages ------------------------------------------------------------------------
    "italiano": "Italian",
    "inglese": "English",
    "francese": "French",
    "spagnolo": "Spanish",
    "arabo": "Arabic",
    "ucraino": "Ukrainian",
    "rumeno": "Romanian",
    "albanese": "Albanian",
    "russo": "Russian",
    "cinese": "Chinese",
    "urdu": "Urdu",
    "bengalese": "Bengali",
    "punjabi": "Punjabi",
    "hindi": "Hindi",
    "wolof": "Wolof",
    "portoghese": "Portuguese",
    "tedesco": "German",
    "tagalog": "Tagalog",
    "tigrino": "Tigrinya",
    "somalo": "Somali",
    "pashto": "Pashto",
    "persiano": "Persian",
    "turco": "Turkish",
    "serbo": "Serbian",
    "polacco": "Polish",
    "lingua dei segni italiana (LIS)": "Italian Sign Language (LIS)",
    # --- directory: models -----------------------------------------------------------------------------
    "nome in inglese": "name in English",
    "traduzioni": "translations",
    "categoria sensibile": "sensitive category",
    "in uso": "in use",
    "bisogno": "need",
    "bisogni": "needs",
    "Non indicata": "Not stated",
    "Posti disponibili": "Places available",
    "Lista d'attesa": "Waiting list",
    "Nessun posto disponibile": "No places available",
    "Disponibilità da valutare caso per caso": "Availability assessed case by case",
    "Indirizzo esatto": "Exact address",
    "Via": "Street",
    "Centro del quartiere": "Neighbourhood centre",
    "Centro del comune": "Municipality centre",
    "tassonomia": "taxonomy",
    "tassonomie": "taxonomies",
    "voce di tassonomia": "taxonomy term",
    "voci di tassonomia": "taxonomy terms",
    "dati HSDS dell'ente": "organisation HSDS data",
    "dati HSDS degli enti": "organisations’ HSDS data",
    "nome alternativo": "alternative name",
    "programma": "programme",
    "programmi": "programmes",
    "Non attivo": "Not active",
    "Temporaneamente chiuso": "Temporarily closed",
    "Cessato": "Discontinued",
    "bisogni a cui risponde": "needs it meets",
    "microterritori serviti": "micro-territories served",
    "pagina web": "web page",
    "a chi si rivolge": "who it is for",
    "età minima": "minimum age",
    "età massima": "maximum age",
    "come si accede": "how to access it",
    "costi": "costs",
    "gratuito": "free of charge",
    "tempi di attesa": "waiting time",
    "interpretariato": "interpreting",
    "accreditamenti": "accreditations",
    "autorizzazioni": "licences",
    "avviso temporaneo": "temporary notice",
    "disponibilità": "availability",
    "ultima verifica": "last verified",
    "servizio": "service",
    "servizi": "services",
    "Fisica": "Physical",
    "Recapito postale": "Postal address",
    "Online": "Online",
    "Sede di servizi": "Service site",
    "Casa di comunità": "Community house",
    "Luogo di incontro": "Meeting place",
    "Spazio condiviso": "Shared space",
    "Biblioteca": "Library",
    "Oratorio": "Parish youth centre",
    "Impianto sportivo": "Sports facility",
    "Parco o giardino": "Park or garden",
    "Luogo insolito": "Unusual place",
    "sede dell'ente": "organisation site",
    "tipo di luogo": "type of place",
    "come arrivare": "how to get there",
    "precisione della posizione": "position accuracy",
    "microterritorio": "micro-territory",
    "accessibile senza gradini": "step-free access",
    "accessibilità": "accessibility",
    "luogo": "place",
    "luoghi": "places",
    "Indirizzo virtuale": "Virtual address",
    "indirizzo": "address",
    "comune": "municipality",
    "provincia": "province",
    "CAP": "Postcode",
    "servizio in sede": "service at a site",
    "servizi in sede": "services at sites",
    "ente organizzatore": "organising organisation",
    "per chi": "who it is for",
    "gratuita": "free of charge",
    "lingue (codici ISO separati da virgola)": "languages (comma-separated ISO codes)",
    "attività": "activity",
    "frequenza": "frequency",
    "giorni": "days",
    "giorni del mese": "days of the month",
    "apre alle": "opens at",
    "chiude alle": "closes at",
    "valido dal": "valid from",
    "valido fino al": "valid until",
    "modalità": "attendance mode",
    "note": "notes",
    "chiuso nei giorni festivi": "closed on public holidays",
    "orario": "opening hours",
    "orari": "opening hours",
    "dal": "from",
    "motivo": "reason",
    "chiusura": "closure",
    "chiusure": "closures",
    "ufficio": "department",
    "numero": "number",
    "codice": "code",
    "lingua": "language",
    "nota": "note",
    "documento": "document",
    "unità": "unit",
    "disponibili": "available",
    "massimo": "maximum",
    "aggiornato il": "updated on",
    "modifica": "change",
    "storico delle modifiche": "change history",
    "Accettata": "Accepted",
    "Respinta": "Rejected",
    "modifiche proposte": "proposed changes",
    "nota per chi valuta": "note for the reviewer",
    "motivazione": "reason",
    "proposta di modifica": "change proposal",
    "proposte di modifica": "change proposals",
    "traduzione": "translation",
    # --- directory: schedules ------------------------------------------------------------------------
    "lunedì": "Monday",
    "martedì": "Tuesday",
    "mercoledì": "Wednesday",
    "giovedì": "Thursday",
    "venerdì": "Friday",
    "sabato": "Saturday",
    "domenica": "Sunday",
    "primo": "first",
    "secondo": "second",
    "terzo": "third",
    "quarto": "fourth",
    "ultimo": "last",
    "%(ordinal)s %(day)s del mese": "%(ordinal)s %(day)s of the month",
    "il giorno %(days)s del mese": "on day %(days)s of the month",
    # --- directory: templates --------------------------------------------------------------------------
    "Confermo che è aggiornato": "I confirm it is up to date",
    "Vedi sul portale": "View on the portal",
    "Senza gradini.": "Step-free.",
    "Ultima verifica": "Last verified",
    "Orari del luogo": "Opening hours of the place",
    "togli": "remove",
    "Nessun orario indicato.": "No opening hours given.",
    "Servizi offerti qui": "Services offered here",
    "Nessuno.": "None.",
    "Attività": "Activities",
    "Nessuna attività.": "No activities.",
    "Traduzioni per il portale": "Translations for the portal",
    "Storico delle modifiche": "Change history",
    "Aggiungi un'attività": "Add an activity",
    "Aggiungi l'attività": "Add the activity",
    "Aggiungi un orario del luogo": "Add opening hours for the place",
    "Aggiungi l'orario": "Add the opening hours",
    "Modifica il luogo": "Edit the place",
    "Nuovo luogo": "New place",
    "Senza coordinate esatte, indica quelle del centro del quartiere e scegli la precisione: le distanze mostrate ai cittadini ne terranno conto.": (
        "Without exact coordinates, give those of the centre of the neighbourhood and choose the accuracy: "
        "the distances shown to citizens will take it into account."
    ),
    "Luoghi": "Places",
    "Sedi e luoghi": "Sites and places",
    "Le sedi dei servizi e i luoghi della comunità: case di comunità, oratori, biblioteche, spazi di quartiere, luoghi insoliti.": (
        "Service sites and community places: community houses, parish youth centres, libraries, "
        "neighbourhood spaces, unusual places."
    ),
    "Solo luoghi della comunità": "Community places only",
    "Solo del mio ente": "My organisation’s only",
    "Tipo": "Type",
    "Ente": "Organisation",
    "Servizi": "Services",
    "Nuovo bisogno": "New need",
    "Tassonomia dei bisogni": "Needs taxonomy",
    "I bisogni che la rete intercetta; i servizi dicono a quali rispondono. Esportati come tassonomia HSDS.": (
        "The needs the network identifies; services state which ones they meet. Exported as an HSDS taxonomy."
    ),
    "Bisogno": "Need",
    "Lingue": "Languages",
    "non in uso": "not in use",
    "Mappa dei servizi": "Service map",
    "schede da verificare": "entries to verify",
    "Schede da verificare": "Entries to verify",
    "Proposte da valutare": "Proposals to review",
    "Riscontri dal portale": "Feedback from the portal",
    "Proposte di modifica": "Change proposals",
    "Modifiche alle schede del tuo ente proposte da operatori di altri enti: le accetti o le respingi.": (
        "Changes to your organisation’s entries proposed by operators of other organisations: accept or "
        "reject them."
    ),
    "Proposta da %(who)s il %(date)s": "Proposed by %(who)s on %(date)s",
    "Motivazione (obbligatoria per respingere)": "Reason (required to reject)",
    "Nessuna proposta da valutare.": "No proposals to review.",
    "Le tue proposte": "Your proposals",
    "Sedi e orari": "Sites and opening hours",
    "Proponi una modifica": "Propose a change",
    "Contatti": "Contacts",
    "Sedi": "Sites",
    "Nessuna sede indicata.": "No sites given.",
    "Quando": "When",
    "Cosa": "What",
    "Prima": "Before",
    "Dopo": "After",
    "Chi": "Who",
    "aggiornata il %(date)s": "updated on %(date)s",
    "da confermare per telefono": "to be confirmed by phone",
    "Aggiorna la disponibilità": "Update availability",
    "Aggiornamento": "Updates",
    "Verificato il %(date)s da %(who)s.": "Verified on %(date)s by %(who)s.",
    "Mai verificato.": "Never verified.",
    "Non verificato da più di %(verify_months)s mesi: l'amministratore dell'ente è stato avvisato.": (
        "Not verified for more than %(verify_months)s months: the organisation’s administrator has been notified."
    ),
    "Modifica il servizio": "Edit the service",
    "Nuovo servizio": "New service",
    "La modifica non si applica subito: la valuta un amministratore dell'ente, e resta nello storico chi l'ha proposta.": (
        "The change does not apply straight away: an administrator of the organisation reviews it, and the "
        "history records who proposed it."
    ),
    "Dove e quando": "Where and when",
    "Togliere questo orario?": "Remove these opening hours?",
    "Nessun orario.": "No opening hours.",
    "Togliere questa sede dal servizio?": "Remove this site from the service?",
    "Togli la sede": "Remove the site",
    "Il servizio non ha ancora una sede.": "The service has no site yet.",
    "Orari del servizio (senza sede)": "Service opening hours (no site)",
    "Aggiungi una sede": "Add a site",
    "Sede o luogo": "Site or place",
    "Aggiungi": "Add",
    "Chiusure": "Closures",
    "Nessuna chiusura oltre ai giorni festivi.": "No closures other than public holidays.",
    "Registra la chiusura": "Record the closure",
    "Aggiungi un orario": "Add opening hours",
    "Sede": "Site",
    "Il servizio in generale": "The service in general",
    "Servizi e luoghi della rete": "Services and places in the network",
    "Chi fa cosa, dove, per chi, quando e in quali lingue; con i posti disponibili.": (
        "Who does what, where, for whom, when and in which languages; with the places available."
    ),
    "Da verificare": "To verify",
    "Filtri di ricerca": "Search filters",
    "Cerca": "Search",
    "Distanze stimate dal centro di %(place)s (non dall'indirizzo esatto).": (
        "Distances estimated from the centre of %(place)s (not from the exact address)."
    ),
    "Servizi trovati: %(count)s": "Services found: %(count)s",
    "Servizi trovati": "Services found",
    "Servizio": "Service",
    "Dove": "Where",
    "Posti": "Places",
    "Verificato": "Verified",
    "aperto adesso": "open now",
    "%(km)s km · a piedi %(walk)s min · in bici %(bike)s min": (
        "%(km)s km · %(walk)s min on foot · %(bike)s min by bike"
    ),
    "da confermare": "to be confirmed",
    "da verificare": "to verify",
    "Nessun servizio corrisponde alla ricerca.": "No services match your search.",
    "Pagine": "Pages",
    "Precedente": "Previous",
    "Successiva": "Next",
    "Schede del tuo ente non verificate negli ultimi %(months)s mesi: aprile, correggi se serve e conferma.": (
        "Your organisation’s entries not verified in the last %(months)s months: open them, correct them if "
        "needed and confirm."
    ),
    "Traduzione": "Translation",
    "Traduzione in %(language)s": "Translation into %(language)s",
    "I campi lasciati vuoti si vedono in italiano sul portale.": "Fields left empty are shown in Italian on the portal.",
    # --- directory: views ----------------------------------------------------------------------------
    "La mappa dei servizi è riservata agli operatori con un ruolo in un ente.": (
        "The service map is reserved for operators with a role in an organisation."
    ),
    "Solo gli amministratori dell'ente possono aggiungere servizi.": (
        "Only the organisation’s administrators can add services."
    ),
    "Servizio aggiunto alla mappa della rete.": "Service added to the network map.",
    "Puoi proporre una modifica: la valuta l'amministratore dell'ente.": (
        "You can propose a change: the organisation’s administrator will review it."
    ),
    "Servizio aggiornato.": "Service updated.",
    "Proposta inviata: la valuterà un amministratore dell'ente.": (
        "Proposal sent: an administrator of the organisation will review it."
    ),
    "Grazie: la scheda risulta verificata oggi.": "Thank you: the entry is now marked as verified today.",
    "Disponibilità aggiornata.": "Availability updated.",
    "La sede non appartiene a questo servizio.": "The site does not belong to this service.",
    "Orario aggiunto.": "Opening hours added.",
    "Orario tolto.": "Opening hours removed.",
    "Chiusura registrata.": "Closure recorded.",
    "Indica le date di inizio e di fine della chiusura.": "Give the start and end dates of the closure.",
    "Chiusura tolta.": "Closure removed.",
    "Scegli una sede dall'elenco.": "Choose a site from the list.",
    "Il servizio è offerto anche in: %(place)s.": "The service is now also offered at: %(place)s.",
    "Sede tolta dal servizio.": "Site removed from the service.",
    "Lingua non prevista dal portale.": "Language not offered by the portal.",
    "Traduzione salvata.": "Translation saved.",
    "Solo gli amministratori dell'ente possono aggiungere luoghi.": (
        "Only the organisation’s administrators can add places."
    ),
    "Luogo aggiunto.": "Place added.",
    "Luogo aggiornato.": "Place updated.",
    "Grazie: il luogo risulta verificato oggi.": "Thank you: the place is now marked as verified today.",
    "Indica i giorni e gli orari di apertura e di chiusura.": "Give the days and the opening and closing times.",
    "Attività aggiunta.": "Activity added.",
    "Controlla il nome dell'attività e i suoi orari (apertura e chiusura).": (
        "Check the activity’s name and its times (opening and closing)."
    ),
    "Proposta valutata.": "Proposal reviewed.",
    "Le schede da verificare sono per gli amministratori dell'ente.": (
        "Entries to verify are for the organisation’s administrators."
    ),
    "Solo l'amministratore di sistema gestisce i bisogni.": "Only the system administrator manages the needs.",
    "Bisogno salvato.": "Need saved.",
    # --- identity, intake ------------------------------------------------------------------------------
    "Identità e collegamento dei record": "Identity and record linkage",
    "Accessi e smistamento": "Intake and routing",
    "Pericolo immediato": "Immediate danger",
    "Urgente": "Urgent",
    "Ordinaria": "Routine",
    "Operatore di un punto di accesso": "Access point operator",
    "Segnalazione di una sentinella": "Report from a sentinel",
    "Richiesta dal portale": "Request from the portal",
    "Da prendere in carico": "To be taken in charge",
    "Presa in carico": "Taken in charge",
    "Unita alla presa in carico esistente": "Merged into the existing case",
    "Chiusa senza presa in carico": "Closed without taking in charge",
    "di chi si tratta": "who it is about",
    "origine": "source",
    "punto di accesso": "access point",
    "tipo di punto di accesso": "type of access point",
    "quando": "when",
    "urgenza": "urgency",
    "racconto breve": "brief account",
    "cosa è già stato fatto": "what has already been done",
    "accesso": "intake",
    "accessi": "intakes",
    "regola di smistamento": "routing rule",
    "regole di smistamento": "routing rules",
    "giorni lavorativi per prenderla in carico": "working days to take it in charge",
    "giorni lavorativi di ritardo prima di avvisare il coordinatore": (
        "working days of delay before the coordinator is alerted"
    ),
    "termine per urgenza": "deadline by urgency",
    "termini per urgenza": "deadlines by urgency",
    # --- organisations ------------------------------------------------------------------------------------
    "Tipo di ente sconosciuto: %(kind)s.": "Unknown type of organisation: %(kind)s.",
    "Esiste già un ente chiamato «%(name)s».": "An organisation called “%(name)s” already exists.",
    "Solo l'amministratore di sistema può registrare un nuovo ente.": (
        "Only the system administrator can register a new organisation."
    ),
    "Non puoi modificare i dati di questo ente.": "You cannot edit this organisation’s details.",
    "Solo l'amministratore di sistema può disattivare un ente.": (
        "Only the system administrator can deactivate an organisation."
    ),
    "Il comune %(municipality)s non fa parte del microterritorio %(micro)s.": (
        "The municipality of %(municipality)s is not part of the micro-territory %(micro)s."
    ),
    "Non puoi gestire le sedi di questo ente.": "You cannot manage this organisation’s sites.",
    "L'ente ha già una sede chiamata «%(name)s».": "The organisation already has a site called “%(name)s”.",
    "Enti": "Organisations",
    "Nome breve": "Short name",
    "Tipo di ente": "Type of organisation",
    "Codice fiscale o partita IVA": "Tax code or VAT number",
    "Sito web": "Website",
    "Ambito": "District",
    "E-mail del referente privacy": "Privacy officer’s email",
    "Nome della sede": "Site name",
    "Punto di accesso": "Access point",
    "Sede attiva": "Site active",
    "Ufficio di Piano": "Planning Office",
    "Servizio sanitario (ASST/ATS)": "Health service (ASST/ATS)",
    "Azienda per la casa (ALER)": "Social housing company (ALER)",
    "Associazione del terzo settore": "Voluntary sector association",
    "Cooperativa sociale": "Social cooperative",
    "Parrocchia o ente caritativo": "Parish or charity",
    "Fondazione": "Foundation",
    "Scuola": "School",
    "Datore di lavoro": "Employer",
    "Servizio per l'impiego": "Employment service",
    "Altro": "Other",
    "nome breve": "short name",
    "codice fiscale o partita IVA": "tax code or VAT number",
    "sito web": "website",
    "ambito": "district",
    "e-mail del referente privacy": "privacy officer’s email",
    "Riceve gli avvisi su accessi anomali e accessi in emergenza.": (
        "Receives the alerts about unusual access and emergency access."
    ),
    "enti": "organisations",
    "Non è un punto di accesso": "Not an access point",
    "Segretariato sociale comunale": "Municipal social secretariat",
    "Centro di ascolto": "Listening centre",
    "Portineria sociale": "Social concierge",
    "Infermiere di quartiere": "Community nurse",
    "Sportello sanitario": "Health desk",
    "Sportello casa": "Housing desk",
    "Sportello lavoro": "Employment desk",
    "Unità di strada": "Street outreach team",
    "Altro punto di accesso": "Other access point",
    "sede": "site",
    "sedi": "sites",
    "non attivo": "inactive",
    "Dati dell'ente": "Organisation details",
    "Referente privacy": "Privacy officer",
    "Modifica i dati": "Edit details",
    "Disattivare l’ente? I suoi operatori non potranno più operare per esso.": (
        "Deactivate the organisation? Its operators will no longer be able to work for it."
    ),
    "Disattiva l'ente": "Deactivate the organisation",
    "Riattiva l'ente": "Reactivate the organisation",
    "Sedi e punti di accesso": "Sites and access points",
    "chiusa": "closed",
    "Nessuna sede registrata.": "No sites registered.",
    "Registra un ente": "Register an organisation",
    "Chi fa parte della rete territoriale e dove lavora.": "Who is part of the local network and where they work.",
    "Cerca per nome": "Search by name",
    "Filtra": "Filter",
    "Nessun ente corrisponde alla ricerca.": "No organisations match your search.",
    "Nuova sede": "New site",
    "L'elenco degli enti è riservato agli operatori con un ruolo in un ente.": (
        "The list of organisations is reserved for operators with a role in an organisation."
    ),
    "Ente registrato.": "Organisation registered.",
    "Dati dell'ente aggiornati.": "Organisation details updated.",
    "Ente riattivato.": "Organisation reactivated.",
    "Ente disattivato.": "Organisation deactivated.",
    "Sede salvata.": "Site saved.",
    # --- people ----------------------------------------------------------------------------------------------
    "Persone": "People",
    "Femmina": "Female",
    "Maschio": "Male",
    "Altro / non binario": "Other / non-binary",
    "Non indicato": "Not stated",
    "Data esatta": "Exact date",
    "Solo mese e anno": "Month and year only",
    "Solo anno": "Year only",
    "Età dichiarata": "Stated age",
    "Non nota": "Unknown",
    "In abitazione propria o in affitto": "In own or rented home",
    "Ospite di parenti o conoscenti": "Staying with relatives or acquaintances",
    "In dormitorio o struttura di accoglienza": "In a night shelter or reception facility",
    "In strada": "Sleeping rough",
    "In istituto (RSA, comunità, carcere, ospedale)": "In an institution (care home, residential community, prison, hospital)",
    "Alloggio precario o occupato": "Insecure or squatted housing",
    "Residente": "Registered resident",
    "Residente in via fittizia (senza dimora)": "Registered at a fictitious address (homeless)",
    "Senza residenza": "No registered residence",
    "Condivisione con la rete": "Sharing with the network",
    "Condivisione solo con enti scelti": "Sharing with chosen organisations only",
    "Nessuna condivisione": "No sharing",
    "sesso": "sex",
    "data di nascita": "date of birth",
    "precisione della data di nascita": "accuracy of the date of birth",
    "età dichiarata": "stated age",
    "età dichiarata il": "age stated on",
    "comune di nascita (codice)": "municipality of birth (code)",
    "luogo di nascita": "place of birth",
    "stato di nascita": "country of birth",
    "cittadinanze": "citizenships",
    "lingue parlate": "languages spoken",
    "indirizzo o recapito": "address or contact address",
    "situazione abitativa": "housing situation",
    "residenza anagrafica": "registered residence",
    "condivisione": "sharing",
    "possibile doppione": "possible duplicate",
    "persona": "person",
    "persone": "people",
    "Alias o soprannome": "Alias or nickname",
    "Altra grafia o traslitterazione": "Other spelling or transliteration",
    "Nome precedente": "Previous name",
    "altro nome": "other name",
    "altri nomi": "other names",
    "Codice fiscale": "Tax code (codice fiscale)",
    "Codice STP (straniero temporaneamente presente)": "STP code (temporarily present foreign national)",
    "Codice ENI (europeo non iscritto)": "ENI code (unregistered EU citizen)",
    "Passaporto": "Passport",
    "Permesso di soggiorno": "Residence permit",
    "Carta d'identità": "Identity card",
    "Altro documento": "Other document",
    "numero o codice": "number or code",
    "rilasciato da": "issued by",
    "documento o codice": "document or code",
    "documenti e codici": "documents and codes",
    "nome del nucleo": "household name",
    "nucleo familiare": "household",
    "nuclei familiari": "households",
    "Intestatario": "Head of household",
    "Coniuge o convivente": "Spouse or partner",
    "Figlio o figlia": "Son or daughter",
    "Genitore": "Parent",
    "Altro parente": "Other relative",
    "Altro convivente": "Other household member",
    "ruolo nel nucleo": "role in the household",
    "fino al": "until",
    "componente del nucleo": "household member",
    "componenti del nucleo": "household members",
    "Genitore di": "Parent of",
    "Partner di": "Partner of",
    "Fratello o sorella di": "Sibling of",
    "Parente di": "Relative of",
    "Si prende cura di": "Carer of",
    "Amico o amica di": "Friend of",
    "Vicino di casa di": "Neighbour of",
    "relazione": "relationship",
    "relazioni": "relationships",
    "versione dell'informativa": "privacy notice version",
    "consegnata il": "given on",
    "informativa consegnata": "privacy notice given",
    "informative consegnate": "privacy notices given",
    "Presa in carico e progetto": "Taking in charge and care plan",
    "Invii ad altri servizi": "Referrals to other services",
    "Abitare": "Housing",
    "Lavoro": "Employment",
    "Fondo di solidarietà": "Solidarity fund",
    "enti autorizzati": "authorised organisations",
    "tipi di ente autorizzati": "authorised types of organisation",
    "finalità": "purpose",
    "scelta di condivisione": "sharing choice",
    "scelte di condivisione": "sharing choices",
    # --- territory -----------------------------------------------------------------------------------------------
    "Solo l'amministratore di sistema può modificare il territorio.": (
        "Only the system administrator can edit the territory."
    ),
    "Il file del territorio non è leggibile o è incompleto (%(error)s): correggilo e riprova.": (
        "The territory file cannot be read or is incomplete (%(error)s): correct it and try again."
    ),
    "Il file del territorio contiene errori: %(problems)s": "The territory file contains errors: %(problems)s",
    "Tipo di microterritorio sconosciuto: %(kind)s.": "Unknown type of micro-territory: %(kind)s.",
    "Questi comuni non fanno parte di %(district)s: %(names)s.": (
        "These municipalities are not part of %(district)s: %(names)s."
    ),
    "Indica almeno un comune del microterritorio.": "Give at least one municipality of the micro-territory.",
    "Esiste già un microterritorio con il codice «%(code)s» in questo ambito.": (
        "A micro-territory with the code “%(code)s” already exists in this district."
    ),
    "Territorio": "Territory",
    "Lettere minuscole, numeri e trattini.": "Lower-case letters, numbers and hyphens.",
    "Comuni": "Municipalities",
    "Latitudine del punto di riferimento": "Latitude of the reference point",
    "Longitudine del punto di riferimento": "Longitude of the reference point",
    "comune capofila": "lead municipality",
    "illustrativo": "illustrative",
    "La composizione è un esempio, non quella ufficiale.": "The composition is an example, not the official one.",
    "ambito territoriale": "district",
    "ambiti territoriali": "districts",
    "codice ISTAT": "ISTAT code",
    "sigla provincia": "province code",
    "codice catastale": "cadastral code",
    "popolazione": "population",
    "comuni": "municipalities",
    "Quartiere o rione": "Neighbourhood or quarter",
    "Gruppo di comuni": "Group of municipalities",
    "%(counter)s comune": ("%(counter)s municipality", "%(counter)s municipalities"),
    "%(counter)s microterritorio": ("%(counter)s micro-territory", "%(counter)s micro-territories"),
    "composizione illustrativa": "illustrative composition",
    "Mostra": "Show",
    "Confini e popolazione: ISTAT / Openpolis, CC-BY 4.0": "Boundaries and population: ISTAT / Openpolis, CC-BY 4.0",
    "Comuni dell'ambito colorati per microterritorio; i punti sono i quartieri di Lecco. Gli stessi dati sono nella tabella qui sotto.": (
        "The district’s municipalities, coloured by micro-territory; the dots are the neighbourhoods of "
        "Lecco. The same data is in the table below."
    ),
    "Nuovo microterritorio": "New micro-territory",
    "Comuni dell'ambito con codice ISTAT, CAP, popolazione e microterritori": (
        "The district’s municipalities with ISTAT code, postcode, population and micro-territories"
    ),
    "Codice ISTAT": "ISTAT code",
    "Popolazione": "Population",
    "Popolazione residente": "Resident population",
    "Il territorio è consultabile dagli operatori con un ruolo in un ente.": (
        "The territory is available to operators with a role in an organisation."
    ),
    "Microterritorio salvato.": "Micro-territory saved.",
    # --- base templates -------------------------------------------------------------------------------------------
    "Vai al contenuto principale": "Skip to main content",
    "Vai al piè di pagina": "Skip to footer",
    "Rete territoriale di welfare": "Local welfare network",
    "Lingua e account": "Language and account",
    "Ente per cui operi": "Organisation you work for",
    "Cambia ente": "Switch organisation",
    "Esci": "Sign out",
    "La rete che dialoga, con al centro la persona": "The network that works together, with the person at its centre",
    "Navigazione principale": "Main navigation",
    "Mostra o nascondi la navigazione": "Show or hide navigation",
    "Nascondi la navigazione": "Hide navigation",
    "Piattaforma della rete territoriale di welfare: enti pubblici, servizi sanitari, casa, terzo settore e cittadini che lavorano come una sola rete.": (
        "Platform of the local welfare network: public bodies, health services, housing, the voluntary "
        "sector and citizens working as a single network."
    ),
    "Segnalazioni sull'accessibilità e sulla privacy: dalle pagine qui sotto.": (
        "Accessibility and privacy reports: from the pages below."
    ),
    "Link utili": "Useful links",
    "API": "API",
    "Ultimo aggiornamento": "Last updated",
    "obbligatorio": "required",
    "Lingua": "Language",
    "Cambia lingua": "Change language",
    "Pagina precedente": "Previous page",
    "Pagina %(number)s di %(total)s": "Page %(number)s of %(total)s",
    "Pagina successiva": "Next page",
}
