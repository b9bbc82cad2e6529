# ruff: noqa: E501 - translated texts: a sentence is kept on one line for the translator
"""The fixed texts of the person's report (Art. 15 GDPR), in German and in the languages of
the people lotse serves: English, Arabic, Persian (also for Dari), Ukrainian, Turkish, Tigrinya.

Kept as data, not in the gettext catalogue: the report is printed in German *and* in the
person's language at once, whatever the interface language of the member of staff. The
translations are the project's own; they must be reviewed by a sworn translator before the
report is handed out (docs/subject-rights.md). German is authoritative; every translated part
says so. Data values (names, offices, reasons, free text) are printed as recorded, never
translated. Categories and purposes reuse the consent form's translations
(lotse.consent.form_texts), so that both documents use the same words.

Enumerations that are German administrative terms the person meets in German anyway
(identifier types, kinds of accommodation, how a consent was given) are printed in German on
every page (`GERMAN_ONLY`).
"""

from lotse.consent.form_texts import RTL_LANGUAGES, TEXT_OF
from lotse.consent.form_texts import TEXTS as CONSENT_TEXTS

__all__ = ["ENUMS", "GERMAN_ONLY", "RTL_LANGUAGES", "TEXTS", "enum_label", "text_language"]

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Auskunft über Ihre gespeicherten Daten",
        "subtitle": "nach Art. 15 der Datenschutz-Grundverordnung (DSGVO) und § 83 SGB X",
        "translation_note": "",
        "intro": (
            "Sie haben gefragt, welche Daten über Sie gespeichert sind. Hier steht alles, was die "
            "beteiligten Stellen (Ausländerbehörde, Sozialamt, Integrationsmanagement, Jobcenter, "
            "Agentur für Arbeit) in lotse über Sie gespeichert haben, und welche Stelle Ihre "
            "Daten wann, wofür und auf welcher Rechtsgrundlage gelesen oder erhalten hat. Die "
            "Daten stehen so da, wie sie erfasst wurden."
        ),
        "request": "Ihr Antrag",
        "produced_by": "Erstellt von",
        "produced_on": "Erstellt am",
        "record_id": "Kennung Ihres Datensatzes",
        "identity": "Ihre Grunddaten (gemeinsam für alle beteiligten Stellen)",
        "names": "Namen und Schreibweisen",
        "name": "Name",
        "kind": "Art",
        "script": "Schrift",
        "source": "Quelle",
        "recorded_by": "Erfasst von",
        "birth": "Geburt",
        "birth_date": "Geburtsdatum",
        "precision": "Genauigkeit",
        "placeholder": "Der 01.01. steht für einen unbekannten Tag und Monat.",
        "birth_place": "Geburtsort, Geburtsland",
        "sex": "Geschlecht",
        "identity_confidence": "Nachweis der Identität",
        "contact": "Kontakt und Sprache",
        "phone": "Telefon",
        "email": "E-Mail",
        "preferred_language": "Bevorzugte Sprache",
        "interpreter": "Dolmetscher/in nötig",
        "identifiers": "Kennnummern und Dokumente",
        "number": "Nummer",
        "issuer": "Ausgestellt von",
        "valid_until": "Gültig bis",
        "nationalities": "Staatsangehörigkeiten",
        "addresses": "Adressen und Unterkunft",
        "period": "Zeitraum",
        "relations": "Familie und Haushalt",
        "relation": "Beziehung",
        "household": "gleicher Haushalt",
        "languages": "Sprachkenntnisse",
        "language": "Sprache",
        "levels": "Hören / Lesen / Sprechen / Schreiben",
        "cases": "Ihre Fälle bei den Stellen",
        "office": "Stelle",
        "status": "Stand",
        "opened": "Eröffnet",
        "closed": "Geschlossen",
        "reason": "Grund",
        "notes": "Notizen",
        "notes_summary": "{count} Notizen ({shared} davon für beteiligte Stellen freigegeben), {first} – {last}",
        "notes_none": "keine Notizen",
        "notes_not_included": (
            "Den Wortlaut der Notizen erhalten Sie auf Wunsch als Kopie (Art. 15 Abs. 3 DSGVO); "
            "die Stelle prüft dann, ob Rechte anderer Personen betroffen sind (Art. 15 Abs. 4 DSGVO)."
        ),
        "follow_ups": "Wiedervorlagen (Termine zur Bearbeitung)",
        "referrals": "Weitergaben und Übergaben zwischen Stellen",
        "from_to": "Von → an",
        "purpose": "Zweck",
        "shared": "Weitergegebene Daten und Rechtsgrundlage",
        "shared_identity_only": "nur Grunddaten",
        "state": "Stand",
        "outcome": "Ergebnis",
        "timeline": "Verlauf",
        "consents": "Ihre Einwilligungen",
        "consent_no": "Einwilligung Nr.",
        "recipients": "Empfangende Stellen",
        "disclosing": "Von den Stellen",
        "disclosing_all": "alle Stellen, die diese Daten haben",
        "categories": "Daten",
        "purposes": "Zwecke",
        "health_explicit": "Gesundheitsdaten ausdrücklich eingeschlossen",
        "given": "Erteilt",
        "valid": "Gültig",
        "withdrawn": "Widerrufen am",
        "corrections": "Ihre Anträge auf Berichtigung",
        "data_item": "Welche Daten",
        "current_value": "Bisher gespeichert",
        "requested_value": "Richtig ist laut Ihnen",
        "received_on": "Eingegangen am",
        "answer": "Antwort",
        "access": "Wer Ihre Daten gelesen oder erhalten hat",
        "access_intro": (
            "Aus dem Protokoll von lotse: jede Stelle, die Ihre Daten gelesen, erhalten, "
            "weitergegeben oder geändert hat, mit Zweck, Rechtsgrundlage und Datenarten, "
            "zusammengefasst mit Anzahl und Zeitraum."
        ),
        "staff_not_named": (
            "Genannt werden die Stellen, nicht die einzelnen Beschäftigten: Sie handeln für ihre "
            "Stelle und sind keine eigenen Empfänger (Art. 4 Nr. 9 DSGVO; EuGH C-579/21). Bei "
            "einem begründeten Verdacht auf Missbrauch prüft die oder der Datenschutzbeauftragte "
            "der Stelle das Protokoll mit Namen."
        ),
        "access_kind": "Art des Zugriffs",
        "basis": "Rechtsgrundlage",
        "count": "Anzahl",
        "when": "Wann",
        "basis_none": "keine eigene Angabe (eigene Aufgabe der Stelle)",
        "system": "lotse (automatisch)",
        "merged": "{count} doppelte Datensätze wurden mit diesem zusammengeführt; ihre Daten und ihr Protokoll sind hier enthalten.",
        "none": "keine",
        "yes": "ja",
        "no": "nein",
        "rights_title": "Ihre Rechte",
        "rights": (
            "Sind Daten falsch, können Sie die Berichtigung verlangen (Art. 16 DSGVO). Sie können "
            "auch die Löschung (Art. 17), die Einschränkung der Verarbeitung (Art. 18) verlangen "
            "oder der Verarbeitung widersprechen (Art. 21), soweit das Gesetz es zulässt. "
            "Einwilligungen können Sie jederzeit für die Zukunft widerrufen. Wenden Sie sich dazu "
            "an eine der genannten Stellen. Sie können sich außerdem bei einer "
            "Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO): für die Stellen des Kreises "
            "beim Landesbeauftragten für den Datenschutz Baden-Württemberg, für das Jobcenter "
            "(gemeinsame Einrichtung) und die Agentur für Arbeit bei der Bundesbeauftragten für "
            "den Datenschutz (BfDI)."
        ),
        "page": "Seite",
    },
    "en": {
        "title": "Information about the data stored about you",
        "subtitle": "under Art. 15 of the General Data Protection Regulation (GDPR) and § 83 SGB X",
        "translation_note": "Translation. The German version is authoritative.",
        "intro": (
            "You asked which data are stored about you. This document lists everything the "
            "offices involved (Ausländerbehörde, Sozialamt, Integrationsmanagement, Jobcenter, "
            "Agentur für Arbeit) have stored about you in lotse, and which office read or "
            "received your data, when, for what purpose and on which legal basis. The data are "
            "shown as they were recorded."
        ),
        "request": "Your request",
        "produced_by": "Produced by",
        "produced_on": "Produced on",
        "record_id": "Identifier of your record",
        "identity": "Your basic data (shared by all offices involved)",
        "names": "Names and spellings",
        "name": "Name",
        "kind": "Kind",
        "script": "Script",
        "source": "Source",
        "recorded_by": "Recorded by",
        "birth": "Birth",
        "birth_date": "Date of birth",
        "precision": "Precision",
        "placeholder": "01.01. stands for an unknown day and month.",
        "birth_place": "Place and country of birth",
        "sex": "Sex",
        "identity_confidence": "Proof of identity",
        "contact": "Contact and language",
        "phone": "Phone",
        "email": "E-mail",
        "preferred_language": "Preferred language",
        "interpreter": "Interpreter needed",
        "identifiers": "Numbers and documents",
        "number": "Number",
        "issuer": "Issued by",
        "valid_until": "Valid until",
        "nationalities": "Nationalities",
        "addresses": "Addresses and accommodation",
        "period": "Period",
        "relations": "Family and household",
        "relation": "Relation",
        "household": "same household",
        "languages": "Language skills",
        "language": "Language",
        "levels": "Listening / reading / speaking / writing",
        "cases": "Your cases at the offices",
        "office": "Office",
        "status": "Status",
        "opened": "Opened",
        "closed": "Closed",
        "reason": "Reason",
        "notes": "Notes",
        "notes_summary": "{count} notes ({shared} of them shared with the offices involved), {first} – {last}",
        "notes_none": "no notes",
        "notes_not_included": (
            "On request you receive a copy of the text of the notes (Art. 15(3) GDPR); the "
            "office then checks whether the rights of other people are affected (Art. 15(4) GDPR)."
        ),
        "follow_ups": "Follow-ups (dates for work on your case)",
        "referrals": "Referrals and hand-overs between offices",
        "from_to": "From → to",
        "purpose": "Purpose",
        "shared": "Data shared and legal basis",
        "shared_identity_only": "basic data only",
        "state": "State",
        "outcome": "Outcome",
        "timeline": "Timeline",
        "consents": "Your consents",
        "consent_no": "Consent no.",
        "recipients": "Receiving offices",
        "disclosing": "From the offices",
        "disclosing_all": "every office holding these data",
        "categories": "Data",
        "purposes": "Purposes",
        "health_explicit": "health data expressly included",
        "given": "Given",
        "valid": "Valid",
        "withdrawn": "Withdrawn on",
        "corrections": "Your requests for correction",
        "data_item": "Which data",
        "current_value": "Stored so far",
        "requested_value": "Correct according to you",
        "received_on": "Received on",
        "answer": "Answer",
        "access": "Who read or received your data",
        "access_intro": (
            "From the log of lotse: every office that read, received, passed on or changed your "
            "data, with purpose, legal basis and kinds of data, summarised with number and period."
        ),
        "staff_not_named": (
            "The offices are named, not the individual members of staff: they act for their "
            "office and are not recipients of their own (Art. 4(9) GDPR; CJEU C-579/21). Where "
            "misuse is reasonably suspected, the office's data-protection officer checks the log "
            "with names."
        ),
        "access_kind": "Kind of access",
        "basis": "Legal basis",
        "count": "Number",
        "when": "When",
        "basis_none": "not stated separately (the office's own task)",
        "system": "lotse (automatic)",
        "merged": "{count} duplicate records were merged into this one; their data and log are included here.",
        "none": "none",
        "yes": "yes",
        "no": "no",
        "rights_title": "Your rights",
        "rights": (
            "If data are wrong, you can ask for them to be corrected (Art. 16 GDPR). You can also "
            "ask for erasure (Art. 17) or restriction of processing (Art. 18), or object to the "
            "processing (Art. 21), as far as the law allows. You can withdraw a consent at any "
            "time for the future. Please contact one of the offices named. You can also complain "
            "to a data-protection supervisory authority (Art. 77 GDPR): for the offices of the "
            "Kreis, the Data Protection Commissioner of Baden-Württemberg; for the Jobcenter "
            "(gemeinsame Einrichtung) and the Agentur für Arbeit, the Federal Commissioner for "
            "Data Protection (BfDI)."
        ),
        "page": "Page",
    },
    "ar": {
        "title": "معلومات عن بياناتك المحفوظة",
        "subtitle": "وفقًا للمادة 15 من اللائحة العامة لحماية البيانات (DSGVO) والمادة 83 من SGB X",
        "translation_note": "ترجمة. النص الألماني هو المعتمد.",
        "intro": (
            "لقد سألت عن البيانات المحفوظة عنك. يضم هذا المستند كل ما حفظته الجهات المعنية "
            "(دائرة الأجانب، مكتب الشؤون الاجتماعية، إدارة الاندماج، مركز العمل، وكالة العمل) "
            "عنك في lotse، وأي جهة قرأت بياناتك أو تلقتها، ومتى، ولأي غرض، وعلى أي أساس قانوني. "
            "تظهر البيانات كما سُجّلت."
        ),
        "request": "طلبك",
        "produced_by": "أعدّته",
        "produced_on": "تاريخ الإعداد",
        "record_id": "رقم سجلك",
        "identity": "بياناتك الأساسية (مشتركة بين جميع الجهات المعنية)",
        "names": "الأسماء وطرق كتابتها",
        "name": "الاسم",
        "kind": "النوع",
        "script": "الخط",
        "source": "المصدر",
        "recorded_by": "سجّلته",
        "birth": "الولادة",
        "birth_date": "تاريخ الميلاد",
        "precision": "الدقة",
        "placeholder": "التاريخ 01.01. يعني أن اليوم والشهر غير معروفين.",
        "birth_place": "مكان الولادة وبلدها",
        "sex": "الجنس",
        "identity_confidence": "إثبات الهوية",
        "contact": "التواصل واللغة",
        "phone": "الهاتف",
        "email": "البريد الإلكتروني",
        "preferred_language": "اللغة المفضلة",
        "interpreter": "الحاجة إلى مترجم",
        "identifiers": "الأرقام والوثائق",
        "number": "الرقم",
        "issuer": "جهة الإصدار",
        "valid_until": "صالح حتى",
        "nationalities": "الجنسيات",
        "addresses": "العناوين والسكن",
        "period": "الفترة",
        "relations": "العائلة والأسرة",
        "relation": "صلة القرابة",
        "household": "نفس الأسرة المعيشية",
        "languages": "المعرفة باللغات",
        "language": "اللغة",
        "levels": "الاستماع / القراءة / التحدث / الكتابة",
        "cases": "ملفاتك لدى الجهات",
        "office": "الجهة",
        "status": "الحالة",
        "opened": "فُتح",
        "closed": "أُغلق",
        "reason": "السبب",
        "notes": "الملاحظات",
        "notes_summary": "{count} ملاحظات (منها {shared} متاحة للجهات المعنية)، {first} – {last}",
        "notes_none": "لا توجد ملاحظات",
        "notes_not_included": (
            "يمكنك عند الطلب الحصول على نسخة من نص الملاحظات (المادة 15 الفقرة 3 من اللائحة)؛ "
            "وتتحقق الجهة عندها مما إذا كانت حقوق أشخاص آخرين متأثرة (المادة 15 الفقرة 4)."
        ),
        "follow_ups": "مواعيد المتابعة (مواعيد للعمل على ملفك)",
        "referrals": "الإحالات والتسليم بين الجهات",
        "from_to": "من ← إلى",
        "purpose": "الغرض",
        "shared": "البيانات المنقولة والأساس القانوني",
        "shared_identity_only": "البيانات الأساسية فقط",
        "state": "الحالة",
        "outcome": "النتيجة",
        "timeline": "المسار",
        "consents": "موافقاتك",
        "consent_no": "رقم الموافقة",
        "recipients": "الجهات المتلقية",
        "disclosing": "من الجهات",
        "disclosing_all": "كل الجهات التي لديها هذه البيانات",
        "categories": "البيانات",
        "purposes": "الأغراض",
        "health_explicit": "تشمل البيانات الصحية صراحةً",
        "given": "أُعطيت",
        "valid": "صالحة",
        "withdrawn": "سُحبت في",
        "corrections": "طلباتك لتصحيح البيانات",
        "data_item": "أي بيانات",
        "current_value": "المحفوظ حتى الآن",
        "requested_value": "الصحيح بحسب قولك",
        "received_on": "تاريخ الاستلام",
        "answer": "الرد",
        "access": "من قرأ بياناتك أو تلقاها",
        "access_intro": (
            "من سجل lotse: كل جهة قرأت بياناتك أو تلقتها أو نقلتها أو غيّرتها، مع الغرض والأساس "
            "القانوني وأنواع البيانات، ملخّصة مع العدد والفترة."
        ),
        "staff_not_named": (
            "تُذكر الجهات وليس الموظفون بأسمائهم: فهم يعملون باسم جهتهم وليسوا متلقين مستقلين "
            "(المادة 4 رقم 9 من اللائحة؛ محكمة العدل الأوروبية C-579/21). عند وجود شبهة مبررة "
            "بسوء الاستخدام يفحص مسؤول حماية البيانات في الجهة السجل بالأسماء."
        ),
        "access_kind": "نوع الوصول",
        "basis": "الأساس القانوني",
        "count": "العدد",
        "when": "متى",
        "basis_none": "غير مذكور بشكل منفصل (مهمة الجهة نفسها)",
        "system": "lotse (آليًا)",
        "merged": "تم دمج {count} من السجلات المكررة في هذا السجل؛ بياناتها وسجلها مشمولة هنا.",
        "none": "لا يوجد",
        "yes": "نعم",
        "no": "لا",
        "rights_title": "حقوقك",
        "rights": (
            "إذا كانت البيانات خاطئة يمكنك طلب تصحيحها (المادة 16 من اللائحة). ويمكنك أيضًا طلب "
            "الحذف (المادة 17) أو تقييد المعالجة (المادة 18) أو الاعتراض على المعالجة (المادة 21) "
            "بقدر ما يسمح به القانون. يمكنك سحب أي موافقة في أي وقت بالنسبة للمستقبل. تواصل لذلك "
            "مع إحدى الجهات المذكورة. ويمكنك أيضًا تقديم شكوى إلى هيئة رقابة حماية البيانات "
            "(المادة 77): بالنسبة لجهات الدائرة (Kreis) إلى مفوض حماية البيانات في ولاية "
            "بادن-فورتمبيرغ، وبالنسبة لمركز العمل (مؤسسة مشتركة) ووكالة العمل إلى المفوضة "
            "الاتحادية لحماية البيانات (BfDI)."
        ),
        "page": "صفحة",
    },
    "fa": {
        "title": "اطلاعات درباره داده‌های ذخیره‌شده شما",
        "subtitle": "بر اساس ماده ۱۵ مقررات عمومی حفاظت از داده‌ها (DSGVO) و بند ۸۳ SGB X",
        "translation_note": "ترجمه. متن آلمانی معتبر است.",
        "intro": (
            "شما پرسیده‌اید چه داده‌هایی درباره شما ذخیره شده است. در این سند همه آنچه ادارات "
            "مربوط (اداره اتباع خارجی، اداره امور اجتماعی، مدیریت ادغام، جاب‌سنتر، اداره کار) "
            "درباره شما در lotse ذخیره کرده‌اند آمده است، و اینکه کدام اداره داده‌های شما را چه "
            "زمانی، برای چه هدفی و بر چه مبنای قانونی خوانده یا دریافت کرده است. داده‌ها همان‌طور "
            "که ثبت شده‌اند نشان داده می‌شوند."
        ),
        "request": "درخواست شما",
        "produced_by": "تهیه‌شده توسط",
        "produced_on": "تاریخ تهیه",
        "record_id": "شناسه پرونده شما",
        "identity": "داده‌های پایه شما (مشترک برای همه ادارات مربوط)",
        "names": "نام‌ها و املاهای آن",
        "name": "نام",
        "kind": "نوع",
        "script": "خط",
        "source": "منبع",
        "recorded_by": "ثبت‌شده توسط",
        "birth": "تولد",
        "birth_date": "تاریخ تولد",
        "precision": "دقت",
        "placeholder": "تاریخ 01.01. به معنای نامعلوم بودن روز و ماه است.",
        "birth_place": "محل و کشور تولد",
        "sex": "جنسیت",
        "identity_confidence": "اثبات هویت",
        "contact": "تماس و زبان",
        "phone": "تلفن",
        "email": "ایمیل",
        "preferred_language": "زبان ترجیحی",
        "interpreter": "نیاز به مترجم",
        "identifiers": "شماره‌ها و مدارک",
        "number": "شماره",
        "issuer": "صادرکننده",
        "valid_until": "معتبر تا",
        "nationalities": "تابعیت‌ها",
        "addresses": "نشانی‌ها و محل اقامت",
        "period": "دوره",
        "relations": "خانواده و خانوار",
        "relation": "نسبت",
        "household": "همان خانوار",
        "languages": "مهارت‌های زبانی",
        "language": "زبان",
        "levels": "شنیدن / خواندن / صحبت کردن / نوشتن",
        "cases": "پرونده‌های شما در ادارات",
        "office": "اداره",
        "status": "وضعیت",
        "opened": "باز شده",
        "closed": "بسته شده",
        "reason": "دلیل",
        "notes": "یادداشت‌ها",
        "notes_summary": "{count} یادداشت ({shared} مورد از آن‌ها با ادارات مربوط به اشتراک گذاشته شده)، {first} – {last}",
        "notes_none": "یادداشتی وجود ندارد",
        "notes_not_included": (
            "در صورت درخواست، رونوشتی از متن یادداشت‌ها دریافت می‌کنید (ماده ۱۵ بند ۳)؛ اداره "
            "در آن صورت بررسی می‌کند که آیا حقوق افراد دیگر تحت تأثیر قرار می‌گیرد (ماده ۱۵ بند ۴)."
        ),
        "follow_ups": "پیگیری‌ها (تاریخ‌هایی برای رسیدگی به پرونده شما)",
        "referrals": "ارجاع‌ها و انتقال‌ها میان ادارات",
        "from_to": "از ← به",
        "purpose": "هدف",
        "shared": "داده‌های منتقل‌شده و مبنای قانونی",
        "shared_identity_only": "فقط داده‌های پایه",
        "state": "وضعیت",
        "outcome": "نتیجه",
        "timeline": "روند",
        "consents": "رضایت‌نامه‌های شما",
        "consent_no": "رضایت‌نامه شماره",
        "recipients": "ادارات دریافت‌کننده",
        "disclosing": "از ادارات",
        "disclosing_all": "همه اداراتی که این داده‌ها را دارند",
        "categories": "داده‌ها",
        "purposes": "اهداف",
        "health_explicit": "داده‌های سلامت صراحتاً شامل است",
        "given": "داده‌شده",
        "valid": "معتبر",
        "withdrawn": "لغوشده در",
        "corrections": "درخواست‌های شما برای اصلاح",
        "data_item": "کدام داده‌ها",
        "current_value": "آنچه تاکنون ذخیره شده",
        "requested_value": "مقدار درست به گفته شما",
        "received_on": "تاریخ دریافت",
        "answer": "پاسخ",
        "access": "چه کسی داده‌های شما را خوانده یا دریافت کرده است",
        "access_intro": (
            "از گزارش ثبت lotse: هر اداره‌ای که داده‌های شما را خوانده، دریافت کرده، منتقل کرده "
            "یا تغییر داده است، همراه با هدف، مبنای قانونی و نوع داده‌ها، به‌صورت خلاصه با تعداد "
            "و دوره زمانی."
        ),
        "staff_not_named": (
            "ادارات نام برده می‌شوند، نه تک‌تک کارکنان: آن‌ها از طرف اداره خود عمل می‌کنند و "
            "دریافت‌کننده مستقل نیستند (ماده ۴ شماره ۹؛ دیوان دادگستری اروپا C-579/21). در صورت "
            "سوءظن موجه به سوءاستفاده، مسئول حفاظت از داده‌های اداره گزارش ثبت را با نام‌ها بررسی می‌کند."
        ),
        "access_kind": "نوع دسترسی",
        "basis": "مبنای قانونی",
        "count": "تعداد",
        "when": "چه زمانی",
        "basis_none": "جداگانه ذکر نشده (وظیفه خود اداره)",
        "system": "lotse (خودکار)",
        "merged": "{count} پرونده تکراری با این پرونده ادغام شده‌اند؛ داده‌ها و گزارش ثبت آن‌ها در اینجا آمده است.",
        "none": "هیچ",
        "yes": "بله",
        "no": "خیر",
        "rights_title": "حقوق شما",
        "rights": (
            "اگر داده‌ها نادرست باشند، می‌توانید اصلاح آن‌ها را بخواهید (ماده ۱۶). همچنین "
            "می‌توانید تا جایی که قانون اجازه می‌دهد حذف (ماده ۱۷) یا محدودسازی پردازش (ماده ۱۸) "
            "را بخواهید یا به پردازش اعتراض کنید (ماده ۲۱). رضایت‌نامه‌ها را می‌توانید هر زمان "
            "برای آینده لغو کنید. برای این کار به یکی از ادارات نام‌برده مراجعه کنید. همچنین "
            "می‌توانید به مرجع نظارت بر حفاظت از داده‌ها شکایت کنید (ماده ۷۷): برای ادارات "
            "شهرستان (Kreis) نزد کمیسر حفاظت از داده‌های ایالت بادن-وورتمبرگ، و برای جاب‌سنتر "
            "(نهاد مشترک) و اداره کار نزد کمیسر فدرال حفاظت از داده‌ها (BfDI)."
        ),
        "page": "صفحه",
    },
    "uk": {
        "title": "Відомості про збережені дані про вас",
        "subtitle": "відповідно до ст. 15 Загального регламенту захисту даних (DSGVO) і § 83 SGB X",
        "translation_note": "Переклад. Чинним є німецький текст.",
        "intro": (
            "Ви запитали, які дані про вас збережено. Тут наведено все, що зберегли про вас у "
            "lotse залучені установи (відомство у справах іноземців, соціальна служба, служба "
            "інтеграції, Jobcenter, Агентство з питань праці), а також яка установа коли, з якою "
            "метою і на якій правовій підставі читала або отримувала ваші дані. Дані наведено "
            "так, як їх було записано."
        ),
        "request": "Ваш запит",
        "produced_by": "Підготовлено",
        "produced_on": "Дата підготовки",
        "record_id": "Ідентифікатор вашого запису",
        "identity": "Ваші основні дані (спільні для всіх залучених установ)",
        "names": "Імена та варіанти написання",
        "name": "Ім'я",
        "kind": "Вид",
        "script": "Письмо",
        "source": "Джерело",
        "recorded_by": "Записано",
        "birth": "Народження",
        "birth_date": "Дата народження",
        "precision": "Точність",
        "placeholder": "01.01. означає, що день і місяць невідомі.",
        "birth_place": "Місце та країна народження",
        "sex": "Стать",
        "identity_confidence": "Підтвердження особи",
        "contact": "Контакти та мова",
        "phone": "Телефон",
        "email": "Електронна пошта",
        "preferred_language": "Бажана мова",
        "interpreter": "Потрібен перекладач",
        "identifiers": "Номери та документи",
        "number": "Номер",
        "issuer": "Ким видано",
        "valid_until": "Дійсний до",
        "nationalities": "Громадянство",
        "addresses": "Адреси та житло",
        "period": "Період",
        "relations": "Сім'я та домогосподарство",
        "relation": "Спорідненість",
        "household": "те саме домогосподарство",
        "languages": "Знання мов",
        "language": "Мова",
        "levels": "Слухання / читання / говоріння / письмо",
        "cases": "Ваші справи в установах",
        "office": "Установа",
        "status": "Стан",
        "opened": "Відкрито",
        "closed": "Закрито",
        "reason": "Причина",
        "notes": "Нотатки",
        "notes_summary": "{count} нотаток ({shared} з них доступні залученим установам), {first} – {last}",
        "notes_none": "нотаток немає",
        "notes_not_included": (
            "На запит ви отримаєте копію тексту нотаток (ст. 15 ч. 3 DSGVO); тоді установа "
            "перевірить, чи не зачіпаються права інших осіб (ст. 15 ч. 4 DSGVO)."
        ),
        "follow_ups": "Нагадування (терміни роботи з вашою справою)",
        "referrals": "Направлення та передачі між установами",
        "from_to": "Від → до",
        "purpose": "Мета",
        "shared": "Передані дані та правова підстава",
        "shared_identity_only": "лише основні дані",
        "state": "Стан",
        "outcome": "Результат",
        "timeline": "Хід",
        "consents": "Ваші згоди",
        "consent_no": "Згода №",
        "recipients": "Установи-отримувачі",
        "disclosing": "Від установ",
        "disclosing_all": "усі установи, які мають ці дані",
        "categories": "Дані",
        "purposes": "Цілі",
        "health_explicit": "дані про здоров'я прямо включено",
        "given": "Надано",
        "valid": "Дійсна",
        "withdrawn": "Відкликано",
        "corrections": "Ваші запити на виправлення",
        "data_item": "Які дані",
        "current_value": "Збережено досі",
        "requested_value": "Правильно, за вашими словами",
        "received_on": "Отримано",
        "answer": "Відповідь",
        "access": "Хто читав або отримував ваші дані",
        "access_intro": (
            "З журналу lotse: кожна установа, яка читала, отримувала, передавала або змінювала "
            "ваші дані, з метою, правовою підставою та видами даних, узагальнено з кількістю та "
            "періодом."
        ),
        "staff_not_named": (
            "Зазначено установи, а не окремих працівників: вони діють від імені своєї установи і "
            "не є окремими отримувачами (ст. 4 п. 9 DSGVO; Суд ЄС C-579/21). У разі обґрунтованої "
            "підозри у зловживанні уповноважений із захисту даних установи перевіряє журнал з іменами."
        ),
        "access_kind": "Вид доступу",
        "basis": "Правова підстава",
        "count": "Кількість",
        "when": "Коли",
        "basis_none": "окремо не зазначено (власне завдання установи)",
        "system": "lotse (автоматично)",
        "merged": "{count} дублікатів записів об'єднано з цим; їхні дані та журнал включено сюди.",
        "none": "немає",
        "yes": "так",
        "no": "ні",
        "rights_title": "Ваші права",
        "rights": (
            "Якщо дані неправильні, ви можете вимагати їх виправлення (ст. 16 DSGVO). Ви також "
            "можете вимагати видалення (ст. 17), обмеження обробки (ст. 18) або заперечити проти "
            "обробки (ст. 21), наскільки це дозволяє закон. Згоду можна будь-коли відкликати на "
            "майбутнє. Для цього зверніться до однієї з названих установ. Ви також можете подати "
            "скаргу до наглядового органу з захисту даних (ст. 77 DSGVO): щодо установ району "
            "(Kreis) — до Уповноваженого із захисту даних Баден-Вюртемберга, щодо Jobcenter "
            "(спільна установа) та Агентства з питань праці — до Федерального уповноваженого із "
            "захисту даних (BfDI)."
        ),
        "page": "Сторінка",
    },
    "tr": {
        "title": "Hakkınızda kayıtlı veriler hakkında bilgi",
        "subtitle": "Genel Veri Koruma Tüzüğü (DSGVO) madde 15 ve SGB X § 83 uyarınca",
        "translation_note": "Çeviri. Geçerli olan Almanca metindir.",
        "intro": (
            "Hakkınızda hangi verilerin kayıtlı olduğunu sordunuz. Burada ilgili kurumların "
            "(Yabancılar Dairesi, Sosyal Yardım Dairesi, Entegrasyon Yönetimi, Jobcenter, İş "
            "Ajansı) lotse'de hakkınızda kaydettiği her şey ve hangi kurumun verilerinizi ne "
            "zaman, hangi amaçla ve hangi hukuki dayanakla okuduğu veya aldığı yer almaktadır. "
            "Veriler kaydedildiği şekilde gösterilmektedir."
        ),
        "request": "Başvurunuz",
        "produced_by": "Hazırlayan",
        "produced_on": "Hazırlanma tarihi",
        "record_id": "Kaydınızın kimlik numarası",
        "identity": "Temel verileriniz (tüm ilgili kurumlar için ortak)",
        "names": "İsimler ve yazılışları",
        "name": "İsim",
        "kind": "Tür",
        "script": "Yazı",
        "source": "Kaynak",
        "recorded_by": "Kaydeden",
        "birth": "Doğum",
        "birth_date": "Doğum tarihi",
        "precision": "Kesinlik",
        "placeholder": "01.01. bilinmeyen gün ve ay anlamına gelir.",
        "birth_place": "Doğum yeri ve ülkesi",
        "sex": "Cinsiyet",
        "identity_confidence": "Kimlik kanıtı",
        "contact": "İletişim ve dil",
        "phone": "Telefon",
        "email": "E-posta",
        "preferred_language": "Tercih edilen dil",
        "interpreter": "Tercüman gerekli",
        "identifiers": "Numaralar ve belgeler",
        "number": "Numara",
        "issuer": "Veren kurum",
        "valid_until": "Geçerlilik tarihi",
        "nationalities": "Vatandaşlıklar",
        "addresses": "Adresler ve konaklama",
        "period": "Dönem",
        "relations": "Aile ve hane",
        "relation": "Akrabalık",
        "household": "aynı hane",
        "languages": "Dil bilgisi",
        "language": "Dil",
        "levels": "Dinleme / okuma / konuşma / yazma",
        "cases": "Kurumlardaki dosyalarınız",
        "office": "Kurum",
        "status": "Durum",
        "opened": "Açılış",
        "closed": "Kapanış",
        "reason": "Gerekçe",
        "notes": "Notlar",
        "notes_summary": "{count} not (bunlardan {shared} tanesi ilgili kurumlarla paylaşıldı), {first} – {last}",
        "notes_none": "not yok",
        "notes_not_included": (
            "İsterseniz notların metninin bir kopyasını alırsınız (DSGVO md. 15 f. 3); kurum bu "
            "durumda başka kişilerin haklarının etkilenip etkilenmediğini kontrol eder (md. 15 f. 4)."
        ),
        "follow_ups": "Takip tarihleri (dosyanız üzerinde çalışma tarihleri)",
        "referrals": "Kurumlar arası yönlendirmeler ve devirler",
        "from_to": "Kimden → kime",
        "purpose": "Amaç",
        "shared": "Aktarılan veriler ve hukuki dayanak",
        "shared_identity_only": "yalnızca temel veriler",
        "state": "Durum",
        "outcome": "Sonuç",
        "timeline": "Seyir",
        "consents": "Onaylarınız",
        "consent_no": "Onay no.",
        "recipients": "Alıcı kurumlar",
        "disclosing": "Veren kurumlar",
        "disclosing_all": "bu verilere sahip tüm kurumlar",
        "categories": "Veriler",
        "purposes": "Amaçlar",
        "health_explicit": "sağlık verileri açıkça dahil",
        "given": "Verildi",
        "valid": "Geçerli",
        "withdrawn": "Geri alındı",
        "corrections": "Düzeltme başvurularınız",
        "data_item": "Hangi veriler",
        "current_value": "Şimdiye kadar kayıtlı olan",
        "requested_value": "Size göre doğrusu",
        "received_on": "Alındığı tarih",
        "answer": "Yanıt",
        "access": "Verilerinizi kim okudu veya aldı",
        "access_intro": (
            "lotse kayıt defterinden: verilerinizi okuyan, alan, aktaran veya değiştiren her "
            "kurum; amaç, hukuki dayanak ve veri türleriyle, sayı ve dönem olarak özetlenmiştir."
        ),
        "staff_not_named": (
            "Tek tek çalışanlar değil, kurumlar belirtilir: çalışanlar kurumları adına hareket "
            "eder ve ayrı alıcı değildir (DSGVO md. 4 no. 9; ABAD C-579/21). Haklı bir kötüye "
            "kullanım şüphesinde kurumun veri koruma görevlisi kayıt defterini isimlerle inceler."
        ),
        "access_kind": "Erişim türü",
        "basis": "Hukuki dayanak",
        "count": "Sayı",
        "when": "Ne zaman",
        "basis_none": "ayrıca belirtilmemiş (kurumun kendi görevi)",
        "system": "lotse (otomatik)",
        "merged": "{count} mükerrer kayıt bu kayıtla birleştirildi; verileri ve kayıt defteri buraya dahildir.",
        "none": "yok",
        "yes": "evet",
        "no": "hayır",
        "rights_title": "Haklarınız",
        "rights": (
            "Veriler yanlışsa düzeltilmesini isteyebilirsiniz (DSGVO md. 16). Yasanın izin "
            "verdiği ölçüde silinmesini (md. 17), işlemenin kısıtlanmasını (md. 18) da "
            "isteyebilir veya işlemeye itiraz edebilirsiniz (md. 21). Onaylarınızı her zaman "
            "gelecek için geri alabilirsiniz. Bunun için adı geçen kurumlardan birine başvurun. "
            "Ayrıca bir veri koruma denetim makamına şikâyette bulunabilirsiniz (md. 77): ilçe "
            "(Kreis) kurumları için Baden-Württemberg Veri Koruma Görevlisine, Jobcenter (ortak "
            "kurum) ve İş Ajansı için Federal Veri Koruma Görevlisine (BfDI)."
        ),
        "page": "Sayfa",
    },
    "ti": {
        "title": "ብዛዕባ ዝተዓቀበ ሓበሬታኹም ሓበሬታ",
        "subtitle": "ብመሰረት ዓንቀጽ 15 ሓፈሻዊ ሕጊ ምሕላው ሓበሬታ (DSGVO) ከምኡ'ውን § 83 SGB X",
        "translation_note": "ትርጉም። ዝጸንዕ ናይ ጀርመንኛ ጽሑፍ እዩ።",
        "intro": (
            "ብዛዕባኹም እንታይ ሓበሬታ ከም ዝተዓቀበ ሓቲትኩም። ኣብዚ እቶም ዝምልከቶም ቤት ጽሕፈታት "
            "(ቤት ጽሕፈት ወጻእተኛታት፡ ቤት ጽሕፈት ማሕበራዊ ጉዳያት፡ ምሕደራ ምውህሃድ፡ Jobcenter፡ "
            "ኤጀንሲ ስራሕ) ኣብ lotse ብዛዕባኹም ዝዓቀብዎ ኩሉ፡ ከምኡ'ውን ኣየናይ ቤት ጽሕፈት ሓበሬታኹም "
            "መዓስ፡ ንምንታይ ዕላማን ብኣየናይ ሕጋዊ መሰረትን ከም ዘንበቦ ወይ ከም ዝተቐበሎ ተገሊጹ ኣሎ። "
            "እቲ ሓበሬታ ከም ዝተመዝገቦ ተጻሒፉ ኣሎ።"
        ),
        "request": "ሕቶኹም",
        "produced_by": "ዘዳለዎ",
        "produced_on": "ዝተዳለወሉ ዕለት",
        "record_id": "መለለዪ መዝገብኩም",
        "identity": "መሰረታዊ ሓበሬታኹም (ንኹሎም ዝምልከቶም ቤት ጽሕፈታት ሓባራዊ)",
        "names": "ኣስማትን ኣጸሓሕፋኦምን",
        "name": "ስም",
        "kind": "ዓይነት",
        "script": "ፊደል",
        "source": "ምንጪ",
        "recorded_by": "ዝመዝገቦ",
        "birth": "ልደት",
        "birth_date": "ዕለት ልደት",
        "precision": "ልክዕነት",
        "placeholder": "01.01. ማለት መዓልትን ወርሕን ኣይፍለጡን ማለት እዩ።",
        "birth_place": "ቦታን ሃገርን ልደት",
        "sex": "ጾታ",
        "identity_confidence": "መረጋገጺ መንነት",
        "contact": "ርክብን ቋንቋን",
        "phone": "ተሌፎን",
        "email": "ኢ-መይል",
        "preferred_language": "ዝምረጽ ቋንቋ",
        "interpreter": "ተርጓሚ የድሊ",
        "identifiers": "ቁጽርታትን ሰነዳትን",
        "number": "ቁጽሪ",
        "issuer": "ዝሃቦ",
        "valid_until": "ክሳብ ዝጸንዕ",
        "nationalities": "ዜግነታት",
        "addresses": "ኣድራሻታትን መንበሪን",
        "period": "እዋን",
        "relations": "ስድራን ገዛን",
        "relation": "ዝምድና",
        "household": "ሓደ ገዛ",
        "languages": "ፍልጠት ቋንቋ",
        "language": "ቋንቋ",
        "levels": "ምስማዕ / ምንባብ / ምዝራብ / ምጽሓፍ",
        "cases": "ኣብ ቤት ጽሕፈታት ዘለዉ ፋይላትኩም",
        "office": "ቤት ጽሕፈት",
        "status": "ኩነታት",
        "opened": "ዝተኸፍተ",
        "closed": "ዝተዓጽወ",
        "reason": "ምኽንያት",
        "notes": "መዘኻኸሪታት",
        "notes_summary": "{count} መዘኻኸሪታት ({shared} ካብኦም ምስ ዝምልከቶም ቤት ጽሕፈታት ዝተኻፈሉ)፡ {first} – {last}",
        "notes_none": "መዘኻኸሪ የለን",
        "notes_not_included": (
            "እንተደሊኹም ቅዳሕ ጽሑፍ እቶም መዘኻኸሪታት ትረኽቡ (ዓንቀጽ 15 ንኡስ 3)፤ ሽዑ እቲ ቤት ጽሕፈት "
            "መሰል ካልኦት ሰባት ይትንከፍ እንተኾይኑ ይምርምር (ዓንቀጽ 15 ንኡስ 4)።"
        ),
        "follow_ups": "ምክትታላት (ንፋይልኩም ዝስርሓሉ ዕለታት)",
        "referrals": "ኣብ መንጎ ቤት ጽሕፈታት ዝተገብሩ ምልኣኻትን ምርካባትን",
        "from_to": "ካብ → ናብ",
        "purpose": "ዕላማ",
        "shared": "ዝተመሓላለፈ ሓበሬታን ሕጋዊ መሰረትን",
        "shared_identity_only": "መሰረታዊ ሓበሬታ ጥራይ",
        "state": "ኩነታት",
        "outcome": "ውጽኢት",
        "timeline": "ከይዲ",
        "consents": "ፍቓዳትኩም",
        "consent_no": "ቁጽሪ ፍቓድ",
        "recipients": "ተቐበልቲ ቤት ጽሕፈታት",
        "disclosing": "ካብ ቤት ጽሕፈታት",
        "disclosing_all": "እዚ ሓበሬታ ዘለዎም ኩሎም ቤት ጽሕፈታት",
        "categories": "ሓበሬታ",
        "purposes": "ዕላማታት",
        "health_explicit": "ሓበሬታ ጥዕና ብንጹር ተሓዊሱ",
        "given": "ዝተዋህበ",
        "valid": "ዝጸንዕ",
        "withdrawn": "ዝተሰሓበሉ",
        "corrections": "ሕቶታትኩም ንምእራም",
        "data_item": "ኣየናይ ሓበሬታ",
        "current_value": "ክሳብ ሕጂ ዝተዓቀበ",
        "requested_value": "ብመሰረት ዘረባኹም ዝቕኑዕ",
        "received_on": "ዝተቐበሉሉ ዕለት",
        "answer": "መልሲ",
        "access": "ሓበሬታኹም መን ኣንበቦ ወይ ተቐበሎ",
        "access_intro": (
            "ካብ መዝገብ lotse፡ ሓበሬታኹም ዘንበበ፡ ዝተቐበለ፡ ዘመሓላለፈ ወይ ዝቐየረ ኩሉ ቤት ጽሕፈት፡ "
            "ምስ ዕላማ፡ ሕጋዊ መሰረትን ዓይነታት ሓበሬታን፡ ብቁጽርን እዋንን ተጠቓሊሉ።"
        ),
        "staff_not_named": (
            "ቤት ጽሕፈታት እምበር ነፍሲ ወከፍ ሰራሕተኛታት ኣይጥቀሱን፡ ንሳቶም ኣብ ክንዲ ቤት ጽሕፈቶም "
            "ይሰርሑ እምበር በይኖም ተቐበልቲ ኣይኮኑን (ዓንቀጽ 4 ቁ. 9፤ ቤት ፍርዲ ኤውሮፓ C-579/21)። "
            "ምኽንያታዊ ጥርጣረ ግጉይ ኣጠቓቕማ እንተሎ፡ ሓላፊ ምሕላው ሓበሬታ ናይቲ ቤት ጽሕፈት ነቲ "
            "መዝገብ ምስ ኣስማት ይምርምሮ።"
        ),
        "access_kind": "ዓይነት ምብጻሕ",
        "basis": "ሕጋዊ መሰረት",
        "count": "ቁጽሪ",
        "when": "መዓስ",
        "basis_none": "በይኑ ኣይተጠቕሰን (ናይቲ ቤት ጽሕፈት ናይ ባዕሉ ዕማም)",
        "system": "lotse (ብኣውቶማቲክ)",
        "merged": "{count} ዝተደጋገሙ መዝገባት ምስዚ ተጸንቢሮም፤ ሓበሬታኦምን መዝገቦምን ኣብዚ ተሓዊሱ ኣሎ።",
        "none": "የለን",
        "yes": "እወ",
        "no": "ኣይፋል",
        "rights_title": "መሰላትኩም",
        "rights": (
            "ሓበሬታ ጌጋ እንተኾይኑ ክእረም ክትሓቱ ትኽእሉ (ዓንቀጽ 16)። ሕጊ ክሳብ ዘፍቀዶ መጠን ክድምሰስ "
            "(ዓንቀጽ 17)፡ ኣሰራርሓ ክድረት (ዓንቀጽ 18) ክትሓቱ ወይ ንኣሰራርሓ ክትቃወሙ (ዓንቀጽ 21) "
            "ትኽእሉ። ፍቓዳት ኣብ ዝኾነ ግዜ ንመጻኢ ክትስሕቡ ትኽእሉ። ነዚ ናብ ሓደ ካብቶም ዝተጠቕሱ ቤት "
            "ጽሕፈታት ቅረቡ። ከምኡ'ውን ናብ ተቘጻጻሪ ኣካል ምሕላው ሓበሬታ ክትከሱ ትኽእሉ (ዓንቀጽ 77)፡ "
            "ንቤት ጽሕፈታት ናይቲ ወረዳ (Kreis) ናብ ኮሚሽነር ምሕላው ሓበሬታ ባደን-ቩርተምበርግ፡ "
            "ንJobcenter (ሓባራዊ ትካል) ከምኡ'ውን ንኤጀንሲ ስራሕ ናብ ፈደራላዊ ኮሚሽነር ምሕላው ሓበሬታ (BfDI)።"
        ),
        "page": "ገጽ",
    },
}

# Choices printed in German on every page: German administrative terms (with their code).
GERMAN_ONLY = {
    "identifier": {
        "azr": "AZR-Nummer",
        "bamf": "BAMF-Aktenzeichen",
        "akn": "Ankunftsnachweis",
        "ba": "BA-Kundennummer",
        "jc_bg": "Jobcenter-BG-Nummer",
        "abh": "Aktenzeichen Ausländerbehörde",
        "passport": "Reisepass",
        "id_card": "Ausweis",
    },
    "accommodation": {
        "erstaufnahme": "Erstaufnahme / LEA",
        "vorlaeufig": "vorläufige Unterbringung",
        "anschluss": "Anschlussunterbringung",
        "private": "Privatwohnung",
    },
}

# Choices translated on every page: {group: {language: {value: label}}}.
ENUMS: dict[str, dict[str, dict[str, str]]] = {
    "sex": {
        "de": {"f": "weiblich", "m": "männlich", "d": "divers", "u": "unbekannt"},
        "en": {"f": "female", "m": "male", "d": "diverse", "u": "unknown"},
        "ar": {"f": "أنثى", "m": "ذكر", "d": "متنوع", "u": "غير معروف"},
        "fa": {"f": "زن", "m": "مرد", "d": "دیگر", "u": "نامعلوم"},
        "uk": {"f": "жіноча", "m": "чоловіча", "d": "інша", "u": "невідомо"},
        "tr": {"f": "kadın", "m": "erkek", "d": "diğer", "u": "bilinmiyor"},
        "ti": {"f": "ኣንስተይቲ", "m": "ተባዕታይ", "d": "ካልእ", "u": "ዘይፍለጥ"},
    },
    "precision": {
        "de": {
            "day": "Tag bekannt",
            "month": "Monat bekannt",
            "year": "nur Jahr bekannt",
            "unknown": "unbekannt",
        },
        "en": {
            "day": "day known",
            "month": "month known",
            "year": "year only",
            "unknown": "unknown",
        },
        "ar": {
            "day": "اليوم معروف",
            "month": "الشهر معروف",
            "year": "السنة فقط",
            "unknown": "غير معروف",
        },
        "fa": {"day": "روز معلوم", "month": "ماه معلوم", "year": "فقط سال", "unknown": "نامعلوم"},
        "uk": {
            "day": "день відомий",
            "month": "місяць відомий",
            "year": "лише рік",
            "unknown": "невідомо",
        },
        "tr": {
            "day": "gün biliniyor",
            "month": "ay biliniyor",
            "year": "yalnızca yıl",
            "unknown": "bilinmiyor",
        },
        "ti": {"day": "መዓልቲ ይፍለጥ", "month": "ወርሒ ይፍለጥ", "year": "ዓመት ጥራይ", "unknown": "ዘይፍለጥ"},
    },
    "confidence": {
        "de": {
            "documented": "durch ein Ausweisdokument belegt",
            "partly": "teilweise belegt",
            "stated": "nur mündliche Angaben",
        },
        "en": {
            "documented": "confirmed by an identity document",
            "partly": "partly documented",
            "stated": "oral statements only",
        },
        "ar": {
            "documented": "مثبتة بوثيقة هوية",
            "partly": "مثبتة جزئيًا",
            "stated": "أقوال شفهية فقط",
        },
        "fa": {
            "documented": "با مدرک هویتی تأیید شده",
            "partly": "تا حدی مستند",
            "stated": "فقط اظهارات شفاهی",
        },
        "uk": {
            "documented": "підтверджено документом",
            "partly": "частково підтверджено",
            "stated": "лише усні відомості",
        },
        "tr": {
            "documented": "kimlik belgesiyle kanıtlanmış",
            "partly": "kısmen belgelenmiş",
            "stated": "yalnızca sözlü beyan",
        },
        "ti": {"documented": "ብሰነድ መንነት ዝተረጋገጸ", "partly": "ብኽፋል ዝተሰነደ", "stated": "ብቓል ጥራይ ዝተገልጸ"},
    },
    "name_kind": {
        "de": {
            "official": "wie im Dokument",
            "birth": "Geburtsname",
            "variant": "andere Schreibweise",
            "alias": "Aliasname",
        },
        "en": {
            "official": "as in documents",
            "birth": "birth name",
            "variant": "other spelling",
            "alias": "alias",
        },
        "ar": {
            "official": "كما في الوثيقة",
            "birth": "اسم الولادة",
            "variant": "طريقة كتابة أخرى",
            "alias": "اسم مستعار",
        },
        "fa": {
            "official": "مطابق مدرک",
            "birth": "نام هنگام تولد",
            "variant": "املای دیگر",
            "alias": "نام مستعار",
        },
        "uk": {
            "official": "як у документі",
            "birth": "ім'я при народженні",
            "variant": "інше написання",
            "alias": "псевдонім",
        },
        "tr": {
            "official": "belgedeki gibi",
            "birth": "doğum adı",
            "variant": "başka yazılış",
            "alias": "takma ad",
        },
        "ti": {"official": "ከም ኣብ ሰነድ", "birth": "ስም ልደት", "variant": "ካልእ ኣጸሓሕፋ", "alias": "ሳጓ"},
    },
    "source": {
        "de": {
            "bamf": "BAMF / AZR",
            "abh": "Ausländerbehörde",
            "passport": "Pass oder Ausweis",
            "self": "eigene Angabe",
            "office": "von einer Stelle erfasst",
            "import": "übernommen",
        },
        "en": {
            "bamf": "BAMF / AZR",
            "abh": "Ausländerbehörde",
            "passport": "passport or ID",
            "self": "your own statement",
            "office": "recorded by an office",
            "import": "imported",
        },
        "ar": {
            "bamf": "BAMF / AZR",
            "abh": "دائرة الأجانب",
            "passport": "جواز السفر أو الهوية",
            "self": "إفادتك",
            "office": "سجلته جهة",
            "import": "مستورد",
        },
        "fa": {
            "bamf": "BAMF / AZR",
            "abh": "اداره اتباع خارجی",
            "passport": "گذرنامه یا کارت شناسایی",
            "self": "اظهار خود شما",
            "office": "ثبت‌شده توسط یک اداره",
            "import": "واردشده",
        },
        "uk": {
            "bamf": "BAMF / AZR",
            "abh": "відомство у справах іноземців",
            "passport": "паспорт або посвідчення",
            "self": "ваші власні відомості",
            "office": "записано установою",
            "import": "імпортовано",
        },
        "tr": {
            "bamf": "BAMF / AZR",
            "abh": "Yabancılar Dairesi",
            "passport": "pasaport veya kimlik",
            "self": "kendi beyanınız",
            "office": "bir kurum tarafından kaydedildi",
            "import": "aktarıldı",
        },
        "ti": {
            "bamf": "BAMF / AZR",
            "abh": "ቤት ጽሕፈት ወጻእተኛታት",
            "passport": "ፓስፖርት ወይ መንነት",
            "self": "ናይ ባዕልኹም ቃል",
            "office": "ብቤት ጽሕፈት ዝተመዝገበ",
            "import": "ዝተሰጋገረ",
        },
    },
    "relation": {
        "de": {
            "spouse": "Ehe- oder Lebenspartner/in",
            "parent": "Elternteil von",
            "child": "Kind von",
            "sibling": "Geschwister",
            "other": "andere Verwandte",
        },
        "en": {
            "spouse": "spouse or partner",
            "parent": "parent of",
            "child": "child of",
            "sibling": "sibling",
            "other": "other relative",
        },
        "ar": {
            "spouse": "زوج أو شريك",
            "parent": "أحد والدي",
            "child": "ابن/ابنة",
            "sibling": "أخ أو أخت",
            "other": "قريب آخر",
        },
        "fa": {
            "spouse": "همسر یا شریک زندگی",
            "parent": "والدِ",
            "child": "فرزندِ",
            "sibling": "خواهر یا برادر",
            "other": "خویشاوند دیگر",
        },
        "uk": {
            "spouse": "чоловік/дружина або партнер",
            "parent": "батько/мати",
            "child": "дитина",
            "sibling": "брат або сестра",
            "other": "інший родич",
        },
        "tr": {
            "spouse": "eş veya partner",
            "parent": "ebeveyni",
            "child": "çocuğu",
            "sibling": "kardeş",
            "other": "diğer akraba",
        },
        "ti": {
            "spouse": "በዓል ቤት ወይ መጻምድቲ",
            "parent": "ወላዲ",
            "child": "ውላድ",
            "sibling": "ሓው ወይ ሓብቲ",
            "other": "ካልእ ዘመድ",
        },
    },
    "case_status": {
        "de": {"open": "offen", "closed": "geschlossen"},
        "en": {"open": "open", "closed": "closed"},
        "ar": {"open": "مفتوح", "closed": "مغلق"},
        "fa": {"open": "باز", "closed": "بسته"},
        "uk": {"open": "відкрита", "closed": "закрита"},
        "tr": {"open": "açık", "closed": "kapalı"},
        "ti": {"open": "ክፉት", "closed": "ዕጹው"},
    },
    "referral_kind": {
        "de": {
            "transfer": "Übergabe der Zuständigkeit",
            "service": "Anfrage nach einer Leistung",
            "takeover": "Übernahmeersuchen",
        },
        "en": {
            "transfer": "hand-over of responsibility",
            "service": "request for a service",
            "takeover": "transfer request",
        },
        "ar": {"transfer": "نقل المسؤولية", "service": "طلب خدمة", "takeover": "طلب نقل الملف"},
        "fa": {
            "transfer": "انتقال مسئولیت",
            "service": "درخواست خدمت",
            "takeover": "درخواست انتقال پرونده",
        },
        "uk": {
            "transfer": "передача відповідальності",
            "service": "запит на послугу",
            "takeover": "запит на передачу справи",
        },
        "tr": {
            "transfer": "sorumluluğun devri",
            "service": "hizmet talebi",
            "takeover": "devir talebi",
        },
        "ti": {"transfer": "ምርካብ ሓላፍነት", "service": "ሕቶ ኣገልግሎት", "takeover": "ሕቶ ምርካብ"},
    },
    "referral_state": {
        "de": {
            "requested": "angefragt",
            "accepted": "angenommen",
            "declined": "abgelehnt",
            "in_progress": "in Bearbeitung",
            "returned": "zurückgemeldet",
            "closed": "abgeschlossen",
            "withdrawn": "zurückgezogen",
        },
        "en": {
            "requested": "requested",
            "accepted": "accepted",
            "declined": "declined",
            "in_progress": "in progress",
            "returned": "returned",
            "closed": "closed",
            "withdrawn": "withdrawn",
        },
        "ar": {
            "requested": "مطلوب",
            "accepted": "مقبول",
            "declined": "مرفوض",
            "in_progress": "قيد المعالجة",
            "returned": "أُعيد بالنتيجة",
            "closed": "منتهٍ",
            "withdrawn": "مسحوب",
        },
        "fa": {
            "requested": "درخواست‌شده",
            "accepted": "پذیرفته‌شده",
            "declined": "ردشده",
            "in_progress": "در حال رسیدگی",
            "returned": "با نتیجه برگشته",
            "closed": "پایان‌یافته",
            "withdrawn": "پس‌گرفته‌شده",
        },
        "uk": {
            "requested": "запитано",
            "accepted": "прийнято",
            "declined": "відхилено",
            "in_progress": "в роботі",
            "returned": "повернуто з результатом",
            "closed": "завершено",
            "withdrawn": "відкликано",
        },
        "tr": {
            "requested": "talep edildi",
            "accepted": "kabul edildi",
            "declined": "reddedildi",
            "in_progress": "işlemde",
            "returned": "sonuçla geri bildirildi",
            "closed": "tamamlandı",
            "withdrawn": "geri çekildi",
        },
        "ti": {
            "requested": "ዝተሓተተ",
            "accepted": "ዝተቐበለ",
            "declined": "ዝተነጸገ",
            "in_progress": "ኣብ መስርሕ",
            "returned": "ምስ ውጽኢት ዝተመልሰ",
            "closed": "ዝተዛዘመ",
            "withdrawn": "ዝተሰሓበ",
        },
    },
    "correction_status": {
        "de": {"open": "offen", "done": "berichtigt", "rejected": "abgelehnt"},
        "en": {"open": "open", "done": "corrected", "rejected": "rejected"},
        "ar": {"open": "مفتوح", "done": "صُحّح", "rejected": "مرفوض"},
        "fa": {"open": "باز", "done": "اصلاح شد", "rejected": "رد شد"},
        "uk": {"open": "відкрито", "done": "виправлено", "rejected": "відхилено"},
        "tr": {"open": "açık", "done": "düzeltildi", "rejected": "reddedildi"},
        "ti": {"open": "ክፉት", "done": "ተኣሪሙ", "rejected": "ተነጺጉ"},
    },
    "access_kind": {
        "de": {
            "read": "gelesen",
            "export": "ausgegeben (Ausdruck, Auskunft)",
            "emergency": "Notfallzugriff",
            "referral": "Weitergabe mit Überweisung",
            "consent": "Einwilligung erfasst oder widerrufen",
            "change": "erfasst oder geändert",
        },
        "en": {
            "read": "read",
            "export": "exported (print-out, report)",
            "emergency": "emergency access",
            "referral": "passed on with a referral",
            "consent": "consent recorded or withdrawn",
            "change": "recorded or changed",
        },
        "ar": {
            "read": "قُرئت",
            "export": "أُخرجت (طباعة، إفادة)",
            "emergency": "وصول طارئ",
            "referral": "نُقلت مع إحالة",
            "consent": "سُجّلت موافقة أو سُحبت",
            "change": "سُجّلت أو غُيّرت",
        },
        "fa": {
            "read": "خوانده شد",
            "export": "خروجی گرفته شد (چاپ، گزارش)",
            "emergency": "دسترسی اضطراری",
            "referral": "با ارجاع منتقل شد",
            "consent": "رضایت ثبت یا لغو شد",
            "change": "ثبت یا تغییر داده شد",
        },
        "uk": {
            "read": "прочитано",
            "export": "видано (роздруківка, довідка)",
            "emergency": "екстрений доступ",
            "referral": "передано з направленням",
            "consent": "згоду записано або відкликано",
            "change": "записано або змінено",
        },
        "tr": {
            "read": "okundu",
            "export": "çıktı alındı (baskı, bilgi)",
            "emergency": "acil erişim",
            "referral": "yönlendirmeyle aktarıldı",
            "consent": "onay kaydedildi veya geri alındı",
            "change": "kaydedildi veya değiştirildi",
        },
        "ti": {
            "read": "ተነቢቡ",
            "export": "ወጺኡ (ሕትመት፡ ሓበሬታ)",
            "emergency": "ህጹጽ ምብጻሕ",
            "referral": "ምስ ምልኣኽ ተመሓላሊፉ",
            "consent": "ፍቓድ ተመዝጊቡ ወይ ተሰሒቡ",
            "change": "ተመዝጊቡ ወይ ተቐይሩ",
        },
    },
    "data_item": {
        "de": {
            "name": "Name oder Schreibweise",
            "birth": "Geburtsdatum oder -ort",
            "sex": "Geschlecht",
            "nationality": "Staatsangehörigkeit",
            "identifier": "Kennnummer oder Dokument",
            "address": "Adresse oder Unterkunft",
            "contact": "Kontakt oder Sprache",
            "relation": "Familie oder Haushalt",
            "language_level": "Sprachkenntnisse",
            "case": "Falldaten einer Stelle",
            "consent": "Einwilligung",
            "other": "Sonstiges",
        },
        "en": {
            "name": "name or spelling",
            "birth": "date or place of birth",
            "sex": "sex",
            "nationality": "nationality",
            "identifier": "number or document",
            "address": "address or accommodation",
            "contact": "contact or language",
            "relation": "family or household",
            "language_level": "language skills",
            "case": "case data of an office",
            "consent": "consent",
            "other": "other",
        },
        "ar": {
            "name": "الاسم أو طريقة كتابته",
            "birth": "تاريخ أو مكان الولادة",
            "sex": "الجنس",
            "nationality": "الجنسية",
            "identifier": "رقم أو وثيقة",
            "address": "العنوان أو السكن",
            "contact": "التواصل أو اللغة",
            "relation": "العائلة أو الأسرة",
            "language_level": "المعرفة باللغات",
            "case": "بيانات ملف لدى جهة",
            "consent": "موافقة",
            "other": "أخرى",
        },
        "fa": {
            "name": "نام یا املای آن",
            "birth": "تاریخ یا محل تولد",
            "sex": "جنسیت",
            "nationality": "تابعیت",
            "identifier": "شماره یا مدرک",
            "address": "نشانی یا محل اقامت",
            "contact": "تماس یا زبان",
            "relation": "خانواده یا خانوار",
            "language_level": "مهارت‌های زبانی",
            "case": "داده‌های پرونده در یک اداره",
            "consent": "رضایت‌نامه",
            "other": "سایر",
        },
        "uk": {
            "name": "ім'я або написання",
            "birth": "дата або місце народження",
            "sex": "стать",
            "nationality": "громадянство",
            "identifier": "номер або документ",
            "address": "адреса або житло",
            "contact": "контакти або мова",
            "relation": "сім'я або домогосподарство",
            "language_level": "знання мов",
            "case": "дані справи в установі",
            "consent": "згода",
            "other": "інше",
        },
        "tr": {
            "name": "isim veya yazılışı",
            "birth": "doğum tarihi veya yeri",
            "sex": "cinsiyet",
            "nationality": "vatandaşlık",
            "identifier": "numara veya belge",
            "address": "adres veya konaklama",
            "contact": "iletişim veya dil",
            "relation": "aile veya hane",
            "language_level": "dil bilgisi",
            "case": "bir kurumdaki dosya verileri",
            "consent": "onay",
            "other": "diğer",
        },
        "ti": {
            "name": "ስም ወይ ኣጸሓሕፋ",
            "birth": "ዕለት ወይ ቦታ ልደት",
            "sex": "ጾታ",
            "nationality": "ዜግነት",
            "identifier": "ቁጽሪ ወይ ሰነድ",
            "address": "ኣድራሻ ወይ መንበሪ",
            "contact": "ርክብ ወይ ቋንቋ",
            "relation": "ስድራ ወይ ገዛ",
            "language_level": "ፍልጠት ቋንቋ",
            "case": "ሓበሬታ ፋይል ኣብ ቤት ጽሕፈት",
            "consent": "ፍቓድ",
            "other": "ካልእ",
        },
    },
}


def text_language(code: str) -> str | None:
    """The language whose texts serve `code` (a person's preferred language), or None."""
    code = (code or "").strip().lower()
    code = TEXT_OF.get(code, code)
    if code in TEXTS:
        return code
    base = TEXT_OF.get(code.split("-")[0], code.split("-")[0])
    return base if base in TEXTS else None


def enum_label(group: str, lang: str, value: str) -> str:
    """A choice's label in `lang` (German where there is no translation, the code if unknown)."""
    if group in GERMAN_ONLY:
        return GERMAN_ONLY[group].get(value, value)
    if group in ("category", "purpose"):
        texts = CONSENT_TEXTS.get(lang) or CONSENT_TEXTS["de"]
        return str(texts[group].get(value, value))
    labels = ENUMS[group]
    return labels.get(lang, labels["de"]).get(value) or labels["de"].get(value, value)
