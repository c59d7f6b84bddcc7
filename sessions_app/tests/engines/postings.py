"""Postings as employers write them (not in the bank's words), each with the family whose
interview it should get."""

POSTINGS = [
    (
        "nursing",
        "ICU Staff Nurse",
        "Our 16-bed adult intensive care unit is recruiting a registered nurse. You will look after level 2 and 3 patients, many of them ventilated, manage infusions, and work closely with the intensivists and physios. NMC PIN required; critical care course an advantage.",
    ),
    (
        "teaching",
        "Teacher of Mathematics",
        "Oakfield Academy seeks an enthusiastic maths teacher for KS3 and KS4, including GCSE statistics. You will plan and deliver lessons, mark and track progress, support pupils with SEND and contribute to a collaborative department. QTS required; ECTs welcome.",
    ),
    (
        "kitchen",
        "Sous Chef",
        "Busy 120-cover brasserie looking for a sous chef to run the pass, keep our 5-star hygiene rating, manage allergens, control GP and ordering, and step up when the head chef is off. Fresh produce, seasonal menu, straight shifts.",
    ),
    (
        "midwifery",
        "Band 6 Community Midwife",
        "Join our continuity of carer team covering antenatal clinics, home visits and home births across the district. You will carry a caseload, complete NIPE checks and work with health visitors and safeguarding leads.",
    ),
    (
        "skilled_trades",
        "Qualified Electrician",
        "Domestic and light commercial electrician needed for rewires, consumer unit changes, fault finding and EICRs. 18th Edition and 2391 essential, own tools, full UK driving licence. Van provided.",
    ),
    (
        "aviation",
        "First Officer A320",
        "Expanding European airline is recruiting type-rated First Officers for its A320 fleet based at Bristol. Applicants need a valid EASA/UK Part-FCL licence, current type rating and at least 500 hours on type.",
    ),
    (
        "social_work",
        "Children's Social Worker",
        "Our assessment team works with families at the front door. You will complete child and family assessments, section 47 enquiries and child protection plans, write court reports and work with schools, police and health colleagues. Social Work England registration required.",
    ),
    (
        "retail",
        "Store Manager",
        "Lead a team of 25 in our flagship fashion store. You will drive sales and conversion, manage payroll hours, recruit and coach colleagues, keep stock accurate and deliver visual standards. Previous multi-department retail management experience required.",
    ),
    (
        "paramedic",
        "Paramedic",
        "Registered paramedics wanted for our emergency operations across urban and rural stations. Respond to 999 calls, assess and treat patients in the community, make safe conveyance decisions and hand over to hospital teams. HCPC registration and C1 licence needed.",
    ),
    (
        "journalism",
        "News Reporter",
        "Regional daily seeks a reporter to cover courts, council and breaking news across print and web. Strong shorthand, knowledge of media law and the editors' code, and an eye for an exclusive.",
    ),
    (
        "pharmacy",
        "Community Pharmacist",
        "Pharmacist manager for a busy high-street pharmacy: clinical checks, NMS and Pharmacy First consultations, controlled drugs, supervising dispensers and technicians, and keeping the GPhC standards.",
    ),
    (
        "construction",
        "Site Manager",
        "Main contractor seeks a site manager for a 60-unit residential scheme. Manage subcontractors, programme and quality, run inductions and toolbox talks, and keep the site safe under CDM. SMSTS and CSCS black card required.",
    ),
    (
        "logistics",
        "Warehouse Shift Manager",
        "Manage a night shift of 40 in our distribution centre: goods in, picking, packing and despatch against SLAs, WMS accuracy, MHE safety, and people management including absence and performance.",
    ),
    (
        "finance",
        "Management Accountant",
        "Produce the monthly management accounts, run month-end close, reconcile balance sheet accounts, prepare budgets and forecasts, and explain variances to budget holders. Part or fully qualified CIMA/ACCA.",
    ),
    (
        "customer_support",
        "Customer Service Advisor",
        "Answer customer calls, emails and live chats about orders, deliveries and refunds. Hit KPIs for handling time and customer satisfaction, and escalate complaints where needed. Full training provided.",
    ),
    (
        "software_backend",
        "Senior Backend Engineer",
        "Python, Django, PostgreSQL, REST APIs, AWS, mentoring, performance tuning.",
    ),
    (
        "human_resources",
        "HR Business Partner",
        "Partner with operations leaders on organisational design, employee relations cases, TUPE, absence and performance management, and workforce planning. CIPD Level 7 preferred.",
    ),
    (
        "science_lab",
        "Biomedical Scientist",
        "HCPC-registered biomedical scientist for our blood sciences laboratory: run and validate analysers, QC and EQA, report critical results and take part in the 24/7 rota under UKAS ISO 15189.",
    ),
    (
        "front_of_house",
        "Restaurant Manager",
        "Run front of house in a 90-cover restaurant: rotas, service standards, bookings, bar and wine, cash-up and training the floor team.",
    ),
    (
        "early_years",
        "Nursery Practitioner",
        "Level 3 qualified practitioner to join our toddler room: key person for a group of children, observations and learning journals in line with the EYFS, working with parents and keeping children safe.",
    ),
]
