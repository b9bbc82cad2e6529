"""The text of the printed consent form, in German and in the languages of the people lotse
serves.

Kept here as data rather than in the gettext catalogue: the form is printed in German *and* in
the person's language at once, whatever the language of the member of staff's interface.

The translations are the project's own, of a short and plain German text. They must be reviewed
by a sworn translator before the form is used (docs/consent.md). German is authoritative; every
translated page says so.
"""

from lotse.access.policy import Category
from lotse.consent.models import Purpose

LEGAL_REFERENCE = "Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a DSGVO; § 67b SGB X"

# Languages written right to left (Arabic script: Arabic, Persian/Dari, Pashto, Sorani Kurdish).
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ckb", "ur"})

# Language codes recorded for a person that share the text of another language.
TEXT_OF = {"prs": "fa", "fa-af": "fa"}

# Names of languages, for "explained in …": the German name and the language's own name.
LANGUAGE_NAMES = {
    "de": ("Deutsch", "Deutsch"),
    "en": ("Englisch", "English"),
    "ar": ("Arabisch", "العربية"),
    "fa": ("Persisch (Farsi)", "فارسی"),
    "prs": ("Dari", "دری"),
    "ps": ("Paschtu", "پښتو"),
    "ckb": ("Kurdisch (Sorani)", "کوردیی ناوەندی"),
    "kmr": ("Kurdisch (Kurmandschi)", "Kurmancî"),
    "uk": ("Ukrainisch", "Українська"),
    "ru": ("Russisch", "Русский"),
    "tr": ("Türkisch", "Türkçe"),
    "ti": ("Tigrinya", "ትግርኛ"),
    "so": ("Somali", "Soomaali"),
    "fr": ("Französisch", "Français"),
    "ka": ("Georgisch", "ქართული"),
}

TEXTS: dict[str, dict] = {
    "de": {
        "title": "Einwilligung in die Weitergabe von Daten",
        "subtitle": "Entbindung von der Schweigepflicht",
        "translation_note": "",
        "number": "Einwilligung Nr.",
        "name": "Name",
        "birth": "Geburtsdatum",
        "intro": (
            "Ich bin damit einverstanden, dass die unten genannten Stellen Daten über mich "
            "austauschen – nur für die angekreuzten Zwecke und nur bis zum genannten Datum."
        ),
        "recipients": "Diese Stellen dürfen die Daten erhalten",
        "disclosing": "Von diesen Stellen",
        "disclosing_all": "Von allen Stellen, die diese Daten über mich haben",
        "categories": "Diese Daten",
        "purposes": "Nur für diese Zwecke",
        "purpose_details": "Genauer",
        "health": (
            "Ich willige ausdrücklich ein, dass auch Daten über meine Gesundheit oder eine "
            "Behinderung weitergegeben werden."
        ),
        "valid_until": "Diese Einwilligung gilt bis",
        "voluntary": (
            "Die Einwilligung ist freiwillig. Wenn Sie nicht einwilligen, haben Sie keine "
            "Nachteile: Sie erhalten weiterhin alle Leistungen, auf die Sie einen Anspruch haben."
        ),
        "withdraw": (
            "Sie können die Einwilligung jederzeit widerrufen, mündlich oder schriftlich, bei "
            "jeder der genannten Stellen. Der Widerruf gilt sofort für die Zukunft. Was vorher "
            "rechtmäßig weitergegeben wurde, bleibt davon unberührt."
        ),
        "explained": "Dieses Formular wurde mir erklärt in der Sprache",
        "interpreter": "Dolmetscher/in (Name)",
        "place_date": "Ort, Datum",
        "sign_person": "Unterschrift der Person",
        "sign_interpreter": "Unterschrift Dolmetscher/in",
        "recorded_by": "Aufgenommen von (Stelle, Name)",
        "category": {
            Category.IDENTITY: "Name, Geburtsdatum, Anschrift und Kontaktdaten",
            Category.STATUS: "Aufenthaltsstatus",
            Category.BENEFITS: "Leistungen und Einkommen",
            Category.PROFILE: "Schule, Ausbildung, Berufserfahrung, Sprachkenntnisse",
            Category.PLAN: "Integrationsplan und Maßnahmen",
            Category.HEALTH: "Gesundheit und Behinderung",
            Category.NOTES: "Notizen aus Gesprächen",
        },
        "purpose": {
            Purpose.INTEGRATION_COUNSELLING: "Integrationsberatung",
            Purpose.JOB_PLACEMENT: "Vermittlung in Arbeit und Ausbildung",
            Purpose.BENEFIT_APPLICATION: "Antrag auf Leistungen",
            Purpose.LANGUAGE_COURSE: "Sprachkurs (Integrationskurs oder Berufssprachkurs)",
            Purpose.RECOGNITION: "Anerkennung ausländischer Berufsabschlüsse",
            Purpose.RESIDENCE: "Aufenthaltserlaubnis für Ausbildung oder Beschäftigung",
        },
    },
    "en": {
        "title": "Consent to the sharing of data",
        "subtitle": "Release from confidentiality",
        "translation_note": "Translation. The German version is authoritative.",
        "number": "Consent no.",
        "name": "Name",
        "birth": "Date of birth",
        "intro": (
            "I agree that the offices named below may exchange data about me – only for the "
            "purposes ticked and only until the date given."
        ),
        "recipients": "These offices may receive the data",
        "disclosing": "From these offices",
        "disclosing_all": "From every office that holds these data about me",
        "categories": "These data",
        "purposes": "Only for these purposes",
        "purpose_details": "In more detail",
        "health": (
            "I expressly agree that data about my health or a disability may also be shared."
        ),
        "valid_until": "This consent is valid until",
        "voluntary": (
            "This consent is voluntary. If you do not agree, you will not be disadvantaged: you "
            "still receive every benefit you are entitled to."
        ),
        "withdraw": (
            "You can withdraw this consent at any time, orally or in writing, at any of the "
            "offices named. The withdrawal takes effect immediately for the future. It does not "
            "affect data that were shared lawfully before."
        ),
        "explained": "This form was explained to me in the language",
        "interpreter": "Interpreter (name)",
        "place_date": "Place, date",
        "sign_person": "Signature of the person",
        "sign_interpreter": "Signature of the interpreter",
        "recorded_by": "Recorded by (office, name)",
        "category": {
            Category.IDENTITY: "Name, date of birth, address and contact details",
            Category.STATUS: "Residence status",
            Category.BENEFITS: "Benefits and income",
            Category.PROFILE: "School, training, work experience, language skills",
            Category.PLAN: "Integration plan and measures",
            Category.HEALTH: "Health and disability",
            Category.NOTES: "Notes from conversations",
        },
        "purpose": {
            Purpose.INTEGRATION_COUNSELLING: "Integration counselling",
            Purpose.JOB_PLACEMENT: "Placement in work and training",
            Purpose.BENEFIT_APPLICATION: "Application for benefits",
            Purpose.LANGUAGE_COURSE: (
                "Language course (integration course or job-related language course)"
            ),
            Purpose.RECOGNITION: "Recognition of foreign qualifications",
            Purpose.RESIDENCE: "Residence permit for training or employment",
        },
    },
    "ar": {
        "title": "موافقة على نقل البيانات",
        "subtitle": "إعفاء من واجب الحفاظ على السرية",
        "translation_note": "ترجمة. النص الألماني هو المعتمد.",
        "number": "رقم الموافقة",
        "name": "الاسم",
        "birth": "تاريخ الميلاد",
        "intro": (
            "أوافق على أن تتبادل الجهات المذكورة أدناه بيانات عني، فقط للأغراض المؤشَّر عليها "
            "وفقط حتى التاريخ المذكور."
        ),
        "recipients": "يجوز لهذه الجهات أن تتلقى البيانات",
        "disclosing": "من هذه الجهات",
        "disclosing_all": "من جميع الجهات التي لديها هذه البيانات عني",
        "categories": "هذه البيانات",
        "purposes": "فقط لهذه الأغراض",
        "purpose_details": "بالتفصيل",
        "health": "أوافق صراحةً على أن تُنقل أيضًا بيانات عن صحتي أو عن إعاقة لدي.",
        "valid_until": "هذه الموافقة سارية حتى",
        "voluntary": (
            "هذه الموافقة طوعية. إذا لم توافق، فلن يلحق بك أي ضرر: ستحصل على جميع المساعدات "
            "التي يحق لك الحصول عليها."
        ),
        "withdraw": (
            "يمكنك سحب هذه الموافقة في أي وقت، شفهيًا أو كتابيًا، لدى أي جهة من الجهات المذكورة. "
            "يسري السحب فورًا على المستقبل، ولا يؤثر على البيانات التي نُقلت بشكل قانوني قبل ذلك."
        ),
        "explained": "شُرح لي هذا النموذج باللغة",
        "interpreter": "المترجم/المترجمة (الاسم)",
        "place_date": "المكان، التاريخ",
        "sign_person": "توقيع الشخص",
        "sign_interpreter": "توقيع المترجم/المترجمة",
        "recorded_by": "سجّلها (الجهة، الاسم)",
        "category": {
            Category.IDENTITY: "الاسم وتاريخ الميلاد والعنوان وبيانات الاتصال",
            Category.STATUS: "وضع الإقامة",
            Category.BENEFITS: "المساعدات والدخل",
            Category.PROFILE: "المدرسة والتدريب المهني والخبرة العملية والمعرفة اللغوية",
            Category.PLAN: "خطة الاندماج والإجراءات",
            Category.HEALTH: "الصحة والإعاقة",
            Category.NOTES: "ملاحظات من المحادثات",
        },
        "purpose": {
            Purpose.INTEGRATION_COUNSELLING: "استشارات الاندماج",
            Purpose.JOB_PLACEMENT: "التوسط في العمل والتدريب المهني",
            Purpose.BENEFIT_APPLICATION: "طلب المساعدات",
            Purpose.LANGUAGE_COURSE: "دورة اللغة (دورة الاندماج أو دورة اللغة المهنية)",
            Purpose.RECOGNITION: "الاعتراف بالمؤهلات المهنية الأجنبية",
            Purpose.RESIDENCE: "تصريح الإقامة من أجل التدريب المهني أو العمل",
        },
    },
    "fa": {
        "title": "رضایت‌نامه برای انتقال اطلاعات",
        "subtitle": "معافیت از وظیفه رازداری",
        "translation_note": "ترجمه. متن آلمانی ملاک است.",
        "number": "شماره رضایت‌نامه",
        "name": "نام",
        "birth": "تاریخ تولد",
        "intro": (
            "موافقم که ادارات نام‌برده در زیر اطلاعاتی درباره من با یکدیگر مبادله کنند؛ فقط برای "
            "اهداف علامت‌خورده و فقط تا تاریخ ذکرشده."
        ),
        "recipients": "این ادارات می‌توانند اطلاعات را دریافت کنند",
        "disclosing": "از این ادارات",
        "disclosing_all": "از همه اداراتی که این اطلاعات را درباره من دارند",
        "categories": "این اطلاعات",
        "purposes": "فقط برای این اهداف",
        "purpose_details": "با جزئیات",
        "health": "صریحاً موافقم که اطلاعات مربوط به سلامتی یا معلولیت من نیز منتقل شود.",
        "valid_until": "این رضایت‌نامه تا این تاریخ معتبر است",
        "voluntary": (
            "این رضایت داوطلبانه است. اگر موافقت نکنید، هیچ ضرری برای شما ندارد: همه کمک‌هایی "
            "را که حق دارید، همچنان دریافت می‌کنید."
        ),
        "withdraw": (
            "شما می‌توانید این رضایت را هر زمان، به صورت شفاهی یا کتبی، نزد هر یک از ادارات "
            "نام‌برده پس بگیرید. پس گرفتن رضایت از همان لحظه برای آینده اعتبار دارد و اطلاعاتی "
            "را که پیش از آن به طور قانونی منتقل شده‌اند، تغییر نمی‌دهد."
        ),
        "explained": "این فرم به این زبان برای من توضیح داده شد",
        "interpreter": "مترجم (نام)",
        "place_date": "محل، تاریخ",
        "sign_person": "امضای شخص",
        "sign_interpreter": "امضای مترجم",
        "recorded_by": "ثبت‌شده توسط (اداره، نام)",
        "category": {
            Category.IDENTITY: "نام، تاریخ تولد، نشانی و اطلاعات تماس",
            Category.STATUS: "وضعیت اقامت",
            Category.BENEFITS: "کمک‌های اجتماعی و درآمد",
            Category.PROFILE: "مدرسه، آموزش حرفه‌ای، سابقه کار، مهارت‌های زبانی",
            Category.PLAN: "برنامه ادغام و اقدامات",
            Category.HEALTH: "سلامتی و معلولیت",
            Category.NOTES: "یادداشت‌های گفتگوها",
        },
        "purpose": {
            Purpose.INTEGRATION_COUNSELLING: "مشاوره ادغام",
            Purpose.JOB_PLACEMENT: "کاریابی و یافتن جای آموزش حرفه‌ای",
            Purpose.BENEFIT_APPLICATION: "درخواست کمک‌های اجتماعی",
            Purpose.LANGUAGE_COURSE: "کلاس زبان (کلاس ادغام یا کلاس زبان شغلی)",
            Purpose.RECOGNITION: "به رسمیت شناختن مدارک حرفه‌ای خارجی",
            Purpose.RESIDENCE: "اجازه اقامت برای آموزش حرفه‌ای یا کار",
        },
    },
    "uk": {
        "title": "Згода на передачу даних",
        "subtitle": "Звільнення від обов'язку збереження таємниці",
        "translation_note": "Переклад. Чинною є німецька версія.",
        "number": "Згода №",
        "name": "Ім'я",
        "birth": "Дата народження",
        "intro": (
            "Я погоджуюся, щоб зазначені нижче установи обмінювалися даними про мене – лише для "
            "позначених цілей і лише до вказаної дати."
        ),
        "recipients": "Ці установи можуть отримувати дані",
        "disclosing": "Від цих установ",
        "disclosing_all": "Від усіх установ, які мають ці дані про мене",
        "categories": "Ці дані",
        "purposes": "Лише для цих цілей",
        "purpose_details": "Докладніше",
        "health": (
            "Я прямо погоджуюся, щоб також передавалися дані про моє здоров'я або інвалідність."
        ),
        "valid_until": "Ця згода дійсна до",
        "voluntary": (
            "Ця згода є добровільною. Якщо ви не погодитеся, це не матиме для вас негативних "
            "наслідків: ви й надалі отримуватимете всі виплати, на які маєте право."
        ),
        "withdraw": (
            "Ви можете будь-коли відкликати цю згоду, усно або письмово, в будь-якій із "
            "зазначених установ. Відкликання діє негайно на майбутнє. Воно не стосується даних, "
            "які були законно передані раніше."
        ),
        "explained": "Цю форму мені пояснили мовою",
        "interpreter": "Перекладач/перекладачка (ім'я)",
        "place_date": "Місце, дата",
        "sign_person": "Підпис особи",
        "sign_interpreter": "Підпис перекладача/перекладачки",
        "recorded_by": "Оформлено (установа, ім'я)",
        "category": {
            Category.IDENTITY: "Ім'я, дата народження, адреса й контактні дані",
            Category.STATUS: "Статус перебування",
            Category.BENEFITS: "Соціальні виплати й доходи",
            Category.PROFILE: "Школа, професійна освіта, досвід роботи, знання мов",
            Category.PLAN: "План інтеграції та заходи",
            Category.HEALTH: "Здоров'я та інвалідність",
            Category.NOTES: "Нотатки з розмов",
        },
        "purpose": {
            Purpose.INTEGRATION_COUNSELLING: "Консультації з інтеграції",
            Purpose.JOB_PLACEMENT: "Працевлаштування та пошук місця професійного навчання",
            Purpose.BENEFIT_APPLICATION: "Заява на отримання виплат",
            Purpose.LANGUAGE_COURSE: (
                "Мовний курс (інтеграційний курс або професійний мовний курс)"
            ),
            Purpose.RECOGNITION: "Визнання іноземних професійних кваліфікацій",
            Purpose.RESIDENCE: "Дозвіл на проживання для навчання або роботи",
        },
    },
    "tr": {
        "title": "Verilerin aktarılmasına ilişkin onay",
        "subtitle": "Sır saklama yükümlülüğünden muafiyet",
        "translation_note": "Çeviri. Geçerli olan Almanca metindir.",
        "number": "Onay no.",
        "name": "Adı",
        "birth": "Doğum tarihi",
        "intro": (
            "Aşağıda adı geçen kurumların benimle ilgili verileri birbirleriyle paylaşmasını "
            "kabul ediyorum – yalnızca işaretlenen amaçlar için ve yalnızca belirtilen tarihe "
            "kadar."
        ),
        "recipients": "Bu kurumlar verileri alabilir",
        "disclosing": "Şu kurumlardan",
        "disclosing_all": "Benimle ilgili bu verilere sahip olan tüm kurumlardan",
        "categories": "Şu veriler",
        "purposes": "Yalnızca şu amaçlar için",
        "purpose_details": "Ayrıntılı olarak",
        "health": (
            "Sağlığım veya bir engelliliğim hakkındaki verilerin de aktarılmasını açıkça kabul "
            "ediyorum."
        ),
        "valid_until": "Bu onay şu tarihe kadar geçerlidir",
        "voluntary": (
            "Bu onay gönüllüdür. Onay vermezseniz hiçbir dezavantajınız olmaz: hak sahibi "
            "olduğunuz tüm yardımları almaya devam edersiniz."
        ),
        "withdraw": (
            "Bu onayı istediğiniz zaman, sözlü veya yazılı olarak, adı geçen kurumlardan "
            "herhangi birinde geri alabilirsiniz. Geri alma, gelecek için hemen geçerli olur. "
            "Daha önce yasal olarak aktarılmış verileri etkilemez."
        ),
        "explained": "Bu form bana şu dilde açıklandı",
        "interpreter": "Tercüman (adı)",
        "place_date": "Yer, tarih",
        "sign_person": "Kişinin imzası",
        "sign_interpreter": "Tercümanın imzası",
        "recorded_by": "Kaydeden (kurum, ad)",
        "category": {
            Category.IDENTITY: "Ad, doğum tarihi, adres ve iletişim bilgileri",
            Category.STATUS: "Oturum durumu",
            Category.BENEFITS: "Sosyal yardımlar ve gelir",
            Category.PROFILE: "Okul, mesleki eğitim, iş deneyimi, dil bilgisi",
            Category.PLAN: "Entegrasyon planı ve tedbirler",
            Category.HEALTH: "Sağlık ve engellilik",
            Category.NOTES: "Görüşme notları",
        },
        "purpose": {
            Purpose.INTEGRATION_COUNSELLING: "Entegrasyon danışmanlığı",
            Purpose.JOB_PLACEMENT: "İşe ve mesleki eğitime yerleştirme",
            Purpose.BENEFIT_APPLICATION: "Sosyal yardım başvurusu",
            Purpose.LANGUAGE_COURSE: "Dil kursu (uyum kursu veya mesleki dil kursu)",
            Purpose.RECOGNITION: "Yabancı mesleki yeterliliklerin tanınması",
            Purpose.RESIDENCE: "Mesleki eğitim veya çalışma için oturum izni",
        },
    },
    "ti": {
        "title": "ሓበሬታ ንምክፋል ፍቓድ",
        "subtitle": "ካብ ግዴታ ምሕላው ምስጢር ምፍታሕ",
        "translation_note": "ትርጉም። ዝጸንዕ ናይ ጀርመንኛ ጽሑፍ እዩ።",
        "number": "ቁጽሪ ፍቓድ",
        "name": "ስም",
        "birth": "ዕለት ልደት",
        "intro": (
            "እዞም ኣብ ታሕቲ ተጠቒሶም ዘለዉ ቤት ጽሕፈታት ብዛዕባይ ዘሎ ሓበሬታ ክለዋወጡ ይሰማማዕ እየ፡ "
            "ንዝተመልከቱ ዕላማታት ጥራይን ክሳብ እቲ ዝተጠቕሰ ዕለት ጥራይን።"
        ),
        "recipients": "እዞም ቤት ጽሕፈታት ነቲ ሓበሬታ ክቕበሉ ይኽእሉ",
        "disclosing": "ካብዞም ቤት ጽሕፈታት",
        "disclosing_all": "ካብ ኩሎም እዚ ሓበሬታ ብዛዕባይ ዘለዎም ቤት ጽሕፈታት",
        "categories": "እዚ ሓበሬታ",
        "purposes": "ነዞም ዕላማታት ጥራይ",
        "purpose_details": "ብዝርዝር",
        "health": "ብዛዕባ ጥዕናይ ወይ ስንክልናይ ዘሎ ሓበሬታ እውን ክመሓላለፍ ብንጹር ይሰማማዕ እየ።",
        "valid_until": "እዚ ፍቓድ ክሳብ እዚ ዕለት ይጸንዕ",
        "voluntary": (
            "እዚ ፍቓድ ብድሌትኩም ዝወሃብ እዩ። እንተዘይተሰማሚዕኩም ዝወርደኩም ጉድኣት የለን፡ ዝግብኣኩም ሓገዛት ኩሉ ምርካብ ትቕጽሉ ኢኹም።"
        ),
        "withdraw": (
            "ነዚ ፍቓድ ኣብ ዝኾነ ግዜ፡ ብቓል ወይ ብጽሑፍ፡ ኣብ ዝኾነ ካብቶም ዝተጠቕሱ ቤት ጽሕፈታት "
            "ክትስሕቡዎ ትኽእሉ ኢኹም። እቲ ምስሓብ ብኡንብኡ ንመጻኢ ይጸንዕ። ቅድሚኡ ብሕጋዊ መንገዲ "
            "ዝተመሓላለፈ ሓበሬታ ኣይጸሉን።"
        ),
        "explained": "እዚ ቅጥዒ በዚ ቋንቋ ተገሊጹለይ",
        "interpreter": "ተርጓሚ (ስም)",
        "place_date": "ቦታ፡ ዕለት",
        "sign_person": "ፌርማ ናይቲ ሰብ",
        "sign_interpreter": "ፌርማ ናይቲ ተርጓሚ",
        "recorded_by": "ዝመዝገቦ (ቤት ጽሕፈት፡ ስም)",
        "category": {
            Category.IDENTITY: "ስም፡ ዕለት ልደት፡ ኣድራሻን ሓበሬታ ርክብን",
            Category.STATUS: "ኩነታት መንበሪ",
            Category.BENEFITS: "ሓገዛትን እቶትን",
            Category.PROFILE: "ትምህርቲ፡ ሞያዊ ስልጠና፡ ተመክሮ ስራሕ፡ ፍልጠት ቋንቋ",
            Category.PLAN: "መደብ ምውህሃድን ስጉምትታትን",
            Category.HEALTH: "ጥዕናን ስንክልናን",
            Category.NOTES: "መዘኻኸሪ ካብ ዘተታት",
        },
        "purpose": {
            Purpose.INTEGRATION_COUNSELLING: "ምኽሪ ምውህሃድ",
            Purpose.JOB_PLACEMENT: "ስራሕን ሞያዊ ስልጠናን ምርካብ",
            Purpose.BENEFIT_APPLICATION: "ሕቶ ሓገዝ",
            Purpose.LANGUAGE_COURSE: "ኮርስ ቋንቋ (ኮርስ ምውህሃድ ወይ ሞያዊ ኮርስ ቋንቋ)",
            Purpose.RECOGNITION: "ኣፍልጦ ወጻኢ ሞያዊ ብቕዓት",
            Purpose.RESIDENCE: "ፍቓድ መንበሪ ንሞያዊ ስልጠና ወይ ስራሕ",
        },
    },
}


def text_language(code: str) -> str | None:
    """The language whose text serves `code` (a person's preferred language), or None."""
    code = (code or "").strip().lower()
    code = TEXT_OF.get(code, code)
    if code in TEXTS:
        return code
    base = code.split("-")[0]
    base = TEXT_OF.get(base, base)
    return base if base in TEXTS else None


def language_name(code: str) -> str:
    """'Arabisch (العربية)' for the form's "explained in" line."""
    german, own = LANGUAGE_NAMES.get((code or "").lower(), (code, ""))
    return f"{german} ({own})" if own and own != german else german
