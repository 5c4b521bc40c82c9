//! Phrase lists for page furniture, in the languages Tidings meets most (English,
//! Portuguese, Spanish, Italian, French, German, Dutch, Russian, Korean, Japanese, Chinese).
//! They only ever decide *short* lines; long prose is judged by structure.
//! All entries are lower case; lines are lower-cased before matching.

/// Words that make up a share bar ("Share: Facebook · X · Email · Copy link").
pub const SHARE_WORDS: &[&str] = &[
    "share", "shares", "sharing", "via", "this", "article", "story", "page", "on", "by", "to", "with", "the", "link",
    "copy", "copied", "url", "email", "e-mail", "mail", "print", "facebook", "twitter", "x", "whatsapp", "telegram",
    "linkedin", "pinterest", "reddit", "messenger", "flipboard", "tumblr", "pocket", "sms", "tweet", "pin", "it",
    "bluesky", "threads", "mastodon", "instagram", "youtube", "snapchat", "tiktok", "vk", "line", "kakao", "weibo",
    "wechat", "compartilhe", "compartilhar", "compartir", "condividi", "partager", "partagez", "teilen", "delen",
    "поделиться", "공유", "공유하기", "シェア", "共有", "分享", "imprimir", "stampa", "imprimer", "drucken", "copiar",
    "copia", "lien", "follow", "us", "gift", "save", "listen",
];

/// Headings that open a block of links to other stories; the section runs until the
/// article resumes. Matched against the start of a short line.
pub const RELATED_HEADINGS: &[&str] = &[
    "related", "more to read", "read more", "read next", "read also", "also read", "also on", "you may also like",
    "you might also like", "you may like", "you might like", "you may also be interested", "more from",
    "more stories", "more news", "more in", "more on", "most popular", "most read", "most viewed", "most shared",
    "popular now", "popular stories", "trending", "recommended", "don't miss", "don’t miss", "top stories",
    "latest news", "latest stories", "editor's picks", "editors' picks", "editor’s picks", "further reading",
    "see also", "what to read next", "around the web", "from our partners", "sponsored stories", "promoted stories",
    "leia também", "leia mais", "mais lidas", "mais lidos", "veja também", "veja mais", "relacionadas",
    "notícias relacionadas", "leggi anche", "potrebbe interessarti", "più letti", "articoli correlati",
    "lire aussi", "à lire aussi", "a lire aussi", "les plus lus", "sur le même sujet", "lesen sie auch",
    "meistgelesen", "mehr zum thema", "das könnte sie auch interessieren", "lees ook", "meest gelezen",
    "lee también", "más leídas", "más leído", "te puede interesar", "noticias relacionadas", "читайте также",
    "по теме", "популярное", "самое читаемое", "관련 기사", "관련기사", "인기 기사", "최신 기사", "많이 본", "추천 기사", "関連記事",
    "あわせて読みたい", "おすすめ記事", "人気記事", "相关阅读", "相关新闻", "热门文章",
];

/// Newsletter and subscription promotions.
pub const NEWSLETTER: &[&str] = &[
    "newsletter", "sign up", "signup", "sign-up", "subscribe", "subscription", "subscriber", "in your inbox",
    "to your inbox", "unsubscribe", "promotional content", "enter your email", "your email", "email address",
    "daily briefing", "get our", "click here", "delivered to your", "through your letterbox", "inscreva-se", "inscreva", "cadastre-se", "receba", "assine", "assinante",
    "iscriviti", "abbonati", "abonnez-vous", "inscrivez-vous", "abonnieren", "anmelden", "suscríbete",
    "suscribete", "подпишитесь", "подписаться", "рассылк", "구독", "뉴스레터", "購読", "メールマガジン", "订阅",
];

/// Comment widgets.
pub const COMMENTS: &[&str] = &[
    "comments", "join the conversation", "leave a comment", "tell us what you think", "let us know what you think",
    "have your say", "no comments", "show comments", "log in to comment",
    "sign in to comment", "login to comment", "register to comment", "comments are moderated", "be the first to", "start the conversation", "conversation guidelines",
    "comentários", "comentar", "comentarios", "commenti", "commenta", "commentaires", "kommentare", "reacties",
    "комментари", "댓글", "コメント", "评论",
];

/// Form, cookie and legal text.
pub const FORM: &[&str] = &[
    "required fields", "indicates required", "required field", "this field is required", "captcha", "cookie",
    "cookies", "accept all", "privacy policy", "terms of use", "terms of service", "terms and conditions",
    "by signing up", "by clicking", "requires javascript", "enable javascript", "javascript is disabled", "by registering", "you agree to", "manage preferences", "do not sell",
    "your ad choices", "ad choices", "campos obrigatórios", "campi obbligatori", "champs obligatoires",
    "pflichtfelder", "política de privacidade", "informativa sulla privacy", "политика конфиденциальности",
    "개인정보", "個人情報",
];

/// Photo credits and time stamps (short lines only).
pub const CREDITS: &[&str] = &[
    "getty images", "ap photo", "afp photo", "reuters photo", "photo:", "photo by", "photograph:", "image:",
    "credit:", "shutterstock", "file photo", "updated", "posted", "published", "last updated", "foto:", "crédito:",
    "atualizado", "publicado", "aggiornato", "pubblicato", "mis à jour", "publié", "aktualisiert", "veröffentlicht",
    "обновлено", "опубликовано", "reading time", "min read", "minute read", "minutes read", "tempo de leitura",
    "tempo di lettura", "temps de lecture", "lesezeit", "tiempo de lectura", "время чтения",
];

/// How to reach the author, under an article.
pub const CONTACT: &[&str] = &[
    "may be reached at", "can be reached at", "follow him on", "follow her on", "follow them on", "have a tip?",
    "contact the author", "send tips to", "email the author",
];

/// Whole-line advertising markers.
pub const ADVERTISING: &[&str] = &[
    "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "paid content", "promoted",
    "story continues below advertisement", "continue reading below", "scroll to continue", "article continues below",
    "publicidade", "publicidad", "pubblicità", "publicité", "anzeige", "advertentie", "реклама", "광고", "広告",
    "广告", "continue reading", "continue reading the main story", "skip advertisement", "advert", "adverts",
    "advertisment",
];

/// Affiliate and sponsorship disclosures ("This post may contain affiliate links").
pub const DISCLOSURE: &[&str] = &[
    "affiliate link", "affiliate links", "referral link", "referral links", "earn a commission",
    "earn a small commission", "may earn commission", "disclosure policy", "links de afiliados", "link di affiliazione",
    "liens d'affiliation", "affiliate-links",
];

/// Whole-line navigation and account furniture.
pub const NAVIGATION: &[&str] = &[
    "home", "menu", "search", "sign in", "sign out", "log in", "login", "log out", "register", "my account",
    "account", "skip to content", "skip to main content", "back to top", "go to top", "close", "open", "next",
    "previous", "prev", "more", "less", "show more", "load more", "see more", "view all", "see all", "all", "toggle",
    "navigation", "main menu", "sections", "subscribe now", "entrar", "sair", "buscar", "pesquisar", "cerca",
    "accedi", "rechercher", "connexion", "suche", "poisk", "поиск", "войти", "검색", "로그인", "検索",
    "ログイン", "搜索", "登录",
];

/// Line openings that mark copyright and credit footers.
pub const COPYRIGHT: &[&str] = &[
    "©", "copyright", "(c) 19", "(c) 20", "all rights reserved", "todos os direitos reservados",
    "tutti i diritti riservati", "tous droits réservés", "alle rechte vorbehalten", "все права защищены",
    "무단 전재", "無断転載", "版权所有",
];

/// "17 minutes ago" and its kin: the signature of a teaser card. (number, unit words, suffix)
pub const TIME_AGO_UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h", "day",
    "days", "week", "weeks", "month", "months", "year", "years", "minuto", "minutos", "hora", "horas", "dia", "dias",
    "día", "días", "minuti", "ora", "ore", "giorno", "giorni", "heure", "heures", "jour", "jours", "minuten",
    "stunde", "stunden", "tag", "tagen", "минуту", "минуты", "минут", "час", "часа", "часов", "день", "дня", "дней",
];
pub const TIME_AGO_WORDS: &[&str] = &[
    "ago", "há", "hace", "fa", "il y a", "vor", "назад", "yesterday", "just now", "ontem", "ayer", "ieri", "hier",
    "gestern", "вчера",
];
/// Scripts without spaces put the unit and suffix right after the number.
pub const TIME_AGO_GLUED: &[&str] = &["분 전", "시간 전", "일 전", "分前", "時間前", "日前", "分钟前", "小时前", "天前"];

/// Very common function words; a high share of them marks running prose rather than
/// names and headlines. Several languages, so prose in any of them is recognised.
pub const STOPWORDS: &[&str] = &[
    // English
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is",
    "was", "are", "were", "be", "been", "has", "have", "had", "it", "its", "that", "this", "which", "who", "he",
    "she", "they", "we", "i", "you", "his", "her", "their", "not", "said", "will", "would", "can", "could", "than",
    "after", "about", "into", "also", "there", "been", "if", "when", "more", "so", "no", "what", "all", "one",
    // Portuguese / Spanish
    "o", "os", "as", "um", "uma", "de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "por", "para",
    "com", "que", "e", "é", "se", "ao", "à", "el", "la", "los", "las", "un", "una", "del", "y", "en", "con", "es",
    "su", "lo", "al", "como", "mas", "pero", "foi", "fue", "ser", "está", "não", "sobre",
    // Italian / French
    "il", "di", "che", "è", "per", "non", "una", "sono", "della", "le", "les", "des", "du", "et", "est", "dans",
    "qui", "pour", "pas", "sur", "au", "aux", "ce", "cette", "il", "elle", "ont", "été",
    // German / Dutch
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "zu", "auf", "für", "von",
    "sich", "auch", "es", "het", "een", "van", "en", "op", "dat", "niet", "zijn", "met", "voor",
    // Russian
    "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "она", "они", "из", "за", "к", "о", "от", "для",
    "но", "был", "была", "было", "его", "ее", "её",
];
